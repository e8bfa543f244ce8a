@echo off
rem pingxuan: a console in this folder, with pingxuan.exe on PATH.
rem Double-click to start; type  pingxuan --help  for the commands.
rem (ASCII only: cmd reads a batch file in the console code page.)
cd /d "%~dp0"
set "PATH=%~dp0;%PATH%"
title pingxuan
pingxuan --version
echo.
cmd /k
