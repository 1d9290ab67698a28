#!/usr/bin/env node
import { nimaMain } from "../nima/main.js";

process.exitCode = await nimaMain(process.argv.slice(2));
