; Inno Setup script: the Windows installer of Shop Workbench (小店工作台).
;
; Installs dist\ShopWorkbench\ (built by packaging\build.ps1) into Program Files, adds a Start
; menu folder (the app and its uninstaller), an optional desktop shortcut, and an uninstaller
; registered with Windows. The installer speaks English and Simplified Chinese.
;
;   iscc packaging\windows\installer.iss                      (version read from the .exe)
;   iscc /DAppVersion=1.2.3 packaging\windows\installer.iss   (version given, e.g. from the tag)
;
; Output: dist\ShopWorkbench-<version>-setup.exe
;
; The user's data (settings, caches, logs under %LOCALAPPDATA%\ShopWorkbench) is not touched by
; install, upgrade or uninstall.
;
; Simplified Chinese: Inno Setup 6 releases up to 6.5 do not ship ChineseSimplified.isl among
; their official languages (newer ones do). This script takes the compiler's own when it has one,
; else packaging\windows\ChineseSimplified.isl, which the release workflow fetches (pinned) from
; the Inno Setup repository; it is not committed here.

#define AppName "Shop Workbench"
#define AppExe "ShopWorkbench.exe"
#define DistDir AddBackslash(SourcePath) + "..\..\dist\ShopWorkbench"
#define Notices "THIRD-PARTY-LICENSES.txt"

#if !FileExists(DistDir + "\" + AppExe)
  #error dist\ShopWorkbench\ShopWorkbench.exe is missing: run packaging\build.ps1 first
#endif

#if !FileExists(DistDir + "\" + Notices)
  #error dist\ShopWorkbench\THIRD-PARTY-LICENSES.txt is missing: the spec writes it
#endif

#ifndef AppVersion
  ; The version PyInstaller wrote into the executable's version resource (workbench.__version__).
  #define AppVersion GetStringFileInfo(DistDir + "\" + AppExe, PRODUCT_VERSION)
#endif

#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
  #define ZhMessages "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ZhMessages AddBackslash(SourcePath) + "ChineseSimplified.isl"
#else
  #error ChineseSimplified.isl not found (neither in the compiler's Languages folder nor in packaging\windows): see the comment at the top
#endif

[Setup]
; AppId identifies the product across versions (upgrades, uninstall): never change it.
AppId={{42F18BE5-A8BE-4935-99BB-BE2F0AAFB717}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#SourcePath}..\..\dist
OutputBaseFilename=ShopWorkbench-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
CloseApplications=yes
ShowLanguageDialog=auto
; Rendered from resources\icons\workbench.svg by packaging\make_icons.py (the spec runs it).
SetupIconFile={#SourcePath}..\..\build\icons\workbench.ico

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh_CN"; MessagesFile: "{#ZhMessages}"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundle as a whole: files a previous version had and this one does not
; (renamed modules, old Qt plugins) would otherwise stay and could be loaded.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
; The components, their licences (Qt and PySide6: LGPL-3.0) and how to replace the Qt libraries.
Name: "{group}\Third-party licences"; Filename: "{app}\{#Notices}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
