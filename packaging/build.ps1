# Build the one-folder app on Windows: compile the translations, run PyInstaller on
# packaging/workbench.spec, print the size. Result: dist\ShopWorkbench\ with ShopWorkbench.exe
# (the windowed app) and workbench.exe (the same program as a console executable: CLI and
# --smoke-test). Uses $env:PYTHON, else .venv\Scripts\python.exe, else python, which must have the
# project and its `package` extra installed (pip install -e '.[package]').
$ErrorActionPreference = 'Stop'
Set-Location (Split-Path -Parent $PSScriptRoot)

$python = $env:PYTHON
if (-not $python) {
    if (Test-Path .venv\Scripts\python.exe) { $python = '.venv\Scripts\python.exe' } else { $python = 'python' }
}
& $python -c 'import PyInstaller'
if ($LASTEXITCODE -ne 0) {
    throw "PyInstaller is missing for $python; run: $python -m pip install -e '.[package]'"
}

# Translations: scripts/build-translations is a bash script for .venv/bin; here the same .ts files
# are compiled with the pyside6-lrelease that PySide6 installs beside the Python executable.
$sources = @(Get-ChildItem i18n\*.ts -ErrorAction SilentlyContinue)
if ($sources.Count -gt 0) {
    Write-Host '== translations (pyside6-lrelease)'
    $scripts = & $python -c "import sysconfig; print(sysconfig.get_path('scripts'))"
    $lrelease = Join-Path $scripts 'pyside6-lrelease.exe'
    if (-not (Test-Path $lrelease)) { $lrelease = 'pyside6-lrelease' }
    New-Item -ItemType Directory -Force workbench\ui\translations | Out-Null
    foreach ($ts in $sources) {
        & $lrelease -silent $ts.FullName -qm "workbench\ui\translations\$($ts.BaseName).qm"
        if ($LASTEXITCODE -ne 0) { throw "pyside6-lrelease failed on $($ts.Name)" }
    }
} else {
    Write-Warning 'no i18n\*.ts: the build has English only'
}

Write-Host '== pyinstaller'
$timer = [Diagnostics.Stopwatch]::StartNew()
& $python -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\workbench.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed ($LASTEXITCODE)" }
Write-Host ("built in {0:N0} s" -f $timer.Elapsed.TotalSeconds)

$bytes = (Get-ChildItem dist\ShopWorkbench -Recurse -File | Measure-Object -Property Length -Sum).Sum
Write-Host ("{0:N0} MB`tdist\ShopWorkbench" -f ($bytes / 1MB))
