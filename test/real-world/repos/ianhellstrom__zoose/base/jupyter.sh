#!/bin/bash
jupyter lab --ip 0.0.0.0 --port=8888 --allow-root --no-browser --NotebookApp.token='' --NotebookApp.password='' --LabServerApp.notebook_starts_kernel=True
