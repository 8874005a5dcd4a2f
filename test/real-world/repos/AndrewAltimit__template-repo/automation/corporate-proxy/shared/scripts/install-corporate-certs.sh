#!/bin/sh
#
# Corporate Certificate Installation Script
# ==========================================
# This is a placeholder script for installing corporate certificates.
#
# End users should replace this script with their company's specific
# certificate installation process. The script will be called as root
# in each Docker build stage.
#
# Example corporate implementation might include:
# - Installing company root CA certificates
# - Configuring proxy certificates
# - Setting up internal registry certificates
# - Updating system trust stores
#
# The script should be idempotent and handle errors gracefully.
#

set -e

echo "=== Corporate Certificate Installation ==="
echo "This is a placeholder script for certificate installation."
echo "Replace this file with your company's certificate installation process."

# Example placeholder actions (customize for your organization):

# 1. Update package manager certificates (if needed)
# echo "Updating package manager certificates..."
# Example for Alpine:
# if [ -f /etc/apk/repositories ]; then
#     # Update APK repositories if using internal mirrors
#     # sed -i 's|dl-cdn.alpinelinux.org|internal-mirror.company.com|g' /etc/apk/repositories
#     echo "  - APK repositories configured"
# fi

# 2. Install corporate CA certificates
# echo "Installing corporate CA certificates..."
# if [ -d /usr/local/share/ca-certificates ]; then
#     # Copy your corporate certificates here
#     # cp /path/to/company-ca.crt /usr/local/share/ca-certificates/
#     # update-ca-certificates
#     echo "  - CA certificates would be installed here"
# fi

# 3. Configure system-wide proxy certificates (if applicable)
# echo "Configuring proxy certificates..."
# Example:
# export https_proxy=https://proxy.company.com:8080
# export http_proxy=http://proxy.company.com:8080
# export no_proxy=localhost,127.0.0.1,.company.com

# 4. Install Python certificates (if Python is available)
# if command -v python3 >/dev/null 2>&1; then
#     echo "Configuring Python certificates..."
#     # pip config set global.cert /path/to/cert.pem
#     echo "  - Python certificates would be configured here"
# fi

# 5. Install Node.js certificates (if Node is available)
# if command -v npm >/dev/null 2>&1; then
#     echo "Configuring Node.js certificates..."
#     # npm config set cafile /path/to/cert.pem
#     echo "  - Node.js certificates would be configured here"
# fi

echo "Certificate installation complete (placeholder mode)."
echo "================================="
