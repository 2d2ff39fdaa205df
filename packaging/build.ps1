# Build the one-folder Windows bundle dist\reluplay\ (reluplay.exe windowed, reluplay-cli.exe
# console) with PyInstaller, then smoke-test it like packaging/build.sh does on Linux and macOS.
#
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1          # private venv build\venv
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1 -Here    # the current Python
#
# Not run in CI here (no Windows runner): keep it in step with build.sh.
param([switch]$Here, [string]$Python = "py")
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..")
Set-Location $Root
function Fail($message) { Write-Error "build.ps1: FAILED: $message"; exit 1 }

if ($Here) {
    $Py = (Get-Command python).Source
} else {
    $Venv = Join-Path $Root "build\venv"
    if (-not (Test-Path (Join-Path $Venv "Scripts\python.exe"))) {
        Write-Host "== creating $Venv"
        & $Python -m venv $Venv
        if ($LASTEXITCODE -ne 0) { Fail "could not create the virtualenv" }
    }
    $Py = Join-Path $Venv "Scripts\python.exe"
}

$clock = [Diagnostics.Stopwatch]::StartNew()
Write-Host "== installing reluplay with the packaging extra"
& $Py -m pip install --quiet --disable-pip-version-check ".[packaging]"
if ($LASTEXITCODE -ne 0) { Fail "pip install" }
$installed = $clock.Elapsed.TotalSeconds

Write-Host "== building with PyInstaller"
& $Py -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller packaging\reluplay.spec
if ($LASTEXITCODE -ne 0) { Fail "PyInstaller" }
$built = $clock.Elapsed.TotalSeconds

$Bundle = Join-Path $Root "dist\reluplay"
$Cli = Join-Path $Bundle "reluplay-cli.exe"
if (-not (Test-Path (Join-Path $Bundle "reluplay.exe"))) { Fail "no reluplay.exe" }
if (-not (Test-Path $Cli)) { Fail "no reluplay-cli.exe" }

Write-Host "== smoke test (offscreen)"
$env:QT_QPA_PLATFORM = "offscreen"
$Smoke = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) ("reluplay-smoke-" + [guid]::NewGuid()))
Push-Location $Smoke
try {
    $version = & $Cli --version
    if ($LASTEXITCODE -ne 0 -or $version -notmatch "^reluplay \d" -or $version -match "\+source") { Fail "--version: $version" }
    Write-Host "   --version: $version"
    $presets = & $Cli presets | Out-String
    if ($LASTEXITCODE -ne 0 -or $presets -notmatch "ReLU in action") { Fail "'presets'" }
    $eval = & $Cli eval relu-in-action --x 0 0.5 1 --json | ConvertFrom-Json
    if ([math]::Abs($eval.y[1] - 1.01) -gt 0.005) { Fail "'eval' gave $($eval.y)" }
    Write-Host "   eval: outputs $($eval.y -join ', ')"
    & $Cli --screenshot shot.png relu-in-action
    if ($LASTEXITCODE -ne 0) { Fail "--screenshot exited $LASTEXITCODE" }
    $bytes = [IO.File]::ReadAllBytes((Join-Path $Smoke "shot.png"))
    if ($bytes.Length -lt 40000 -or $bytes[1] -ne 0x50 -or $bytes[2] -ne 0x4E -or $bytes[3] -ne 0x47) {
        Fail "the screenshot is missing or trivial ($($bytes.Length) bytes)"
    }
    $width = [BitConverter]::ToUInt32(@($bytes[19], $bytes[18], $bytes[17], $bytes[16]), 0)
    $height = [BitConverter]::ToUInt32(@($bytes[23], $bytes[22], $bytes[21], $bytes[20]), 0)
    if ($width -lt 800 -or $height -lt 500) { Fail "screenshot too small: ${width}x${height}" }
    Write-Host "   screenshot: ${width}x${height}, $([int]($bytes.Length / 1024)) KB"
    Copy-Item shot.png (Join-Path $Root "build\pyinstaller\smoke-screenshot.png")
} finally {
    Pop-Location
    Remove-Item -Recurse -Force $Smoke
}

$size = (Get-ChildItem -Recurse -File $Bundle | Measure-Object -Sum Length).Sum / 1MB
Write-Host ("== OK: {0} is {1:N0} MB" -f $Bundle, $size)
Write-Host ("   install {0:N1} s, PyInstaller build {1:N1} s, smoke test {2:N1} s" -f $installed, ($built - $installed), ($clock.Elapsed.TotalSeconds - $built))
