# Builds PA Books for Windows: the frozen app with PyInstaller, then the installer with Inno Setup 6.
# Run from the repository in PowerShell, with Python 3.11+ and Inno Setup 6 installed:
#     powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1
# Output: build\PA-Books-<version>-windows-setup.exe. The smoke test runs on the frozen app before the
# installer is made.
$ErrorActionPreference = "Stop"
Set-Location (Resolve-Path "$PSScriptRoot\..\..")
if (-not (Test-Path .venv)) { python -m venv .venv }
.venv\Scripts\python -m pip install --quiet -e ".[bundle]" pillow
$version = (.venv\Scripts\python -c "import app; print(app.__version__)").Trim()
# The icon, as Windows wants it (.ico), from resources\icons\pabooks.png.
New-Item -ItemType Directory -Force build | Out-Null
.venv\Scripts\python -c "from PIL import Image; Image.open('resources/icons/pabooks.png').save('build/pabooks.ico', sizes=[(16,16),(32,32),(48,48),(256,256)])"
.venv\Scripts\python -m PyInstaller --noconfirm --clean --distpath build\dist --workpath build\work installers\pabooks.spec
.venv\Scripts\python installers\smoke_test.py build\dist\pabooks\pabooks.exe
if ($LASTEXITCODE -ne 0) { throw "The smoke test failed" }
$iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
& $iscc "/DAppVersion=$version" installers\windows\pabooks.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Output "Built build\PA-Books-$version-windows-setup.exe"
