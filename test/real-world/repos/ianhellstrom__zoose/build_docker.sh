#!/bin/bash
docker compose build --parallel
