; Sổ nhiệm vụ — the per-user Windows installer (Inno Setup 6.3 or later).
;
; Built by .github/workflows/windows.yml from dist\sonhiemvu\ (pyinstaller.spec), and here by
; `make windows` under Wine (tools/windows/build_and_test.sh, bundle in build\windows\dist):
;   iscc /DAppVersion=0.1.0 [/DBundleDir=<the onedir bundle>] resources\installer\sonhiemvu.iss
; Vietnamese.isl next to this file is Inno Setup's unofficial Vietnamese translation (is-6_4_3,
; Files/Languages/Unofficial; not in the compiler's own distribution), kept in the repository.
;
; No administrator rights: PrivilegesRequired=lowest installs into the user's own
; %LOCALAPPDATA%\Programs\SoNhiemVu. The database, backups and logs live in the per-user data
; folder (%LOCALAPPDATA%\SoNhiemVu, desktop/db engine.data_dir()), never under the install
; folder; neither an upgrade nor the uninstaller touches that folder.
; Upgrades install in place: the same AppId finds the old installation and its folder.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef NumericVersion
  #define NumericVersion "0.1.0.0"
#endif
#define AppName "Sổ nhiệm vụ"
#define AppExe "sonhiemvu.exe"
; Keep in step with desktop/win_mutex.py (MUTEX_NAMES).
#define AppMutexName "SoNhiemVu.Running.5E0B6C1A"

#ifndef BundleDir
  #define BundleDir "..\..\dist\sonhiemvu"
#endif

[Setup]
; Never change the AppId: it is how an upgrade finds the installed app.
AppId={{6F1D3C2A-8B4E-4F7A-9C51-2E7B0D9A4C13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#NumericVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} — trình cài đặt
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
; The Wine test (make windows) compiles a copy with this one line changed to
; {localappdata}\Programs\SoNhiemVu: Wine 8 cannot expand {autopf} per user. Keep it one line.
DefaultDirName={autopf}\SoNhiemVu
DisableDirPage=auto
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
AppMutex={#AppMutexName},Global\{#AppMutexName}
CloseApplications=yes
RestartApplications=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile=..\icons\app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputDir=..\..\dist\installer
OutputBaseFilename=SoNhiemVu-{#AppVersion}-setup
; The wizard speaks Vietnamese; /LANG=en gives the English one.
LanguageDetectionMethod=none
ShowLanguageDialog=no

[Languages]
Name: "vi"; MessagesFile: "Vietnamese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
vi.DesktopShortcut=Tạo lối tắt trên màn hình nền
vi.Shortcuts=Lối tắt:
vi.LaunchNow=Mở Sổ nhiệm vụ ngay
vi.DataKept=Dữ liệu của anh/chị (cơ sở dữ liệu, bản sao lưu) nằm trong thư mục %1 và được giữ nguyên khi gỡ cài đặt.
en.DesktopShortcut=Create a desktop shortcut
en.Shortcuts=Shortcuts:
en.LaunchNow=Open Sổ nhiệm vụ now
en.DataKept=Your data (database, backups) is in %1 and is kept when the app is uninstalled.

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopShortcut}"; GroupDescription: "{cm:Shortcuts}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle, so no module of the old version lingers. Only the
; install folder: the user's data is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchNow}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] and no [Code] that deletes: the uninstaller removes only the files it
; installed. %LOCALAPPDATA%\SoNhiemVu (database, backups, logs) and the settings in
; %APPDATA%\SoNhiemVu stay, so a later install finds the user's tasks again.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\SoNhiemVu')]),
      mbInformation, MB_OK);
end;
