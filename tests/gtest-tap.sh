#!/bin/sh
# Runs a GTest program so that it prints TAP (automake puts LOG_FLAGS before
# the program, GTest wants --tap after it).
exec "$@" --tap
