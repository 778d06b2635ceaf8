; Inno Setup script for PA Books on Windows (Inno Setup 6). Built by installers\windows\build.ps1, which runs
; PyInstaller first (installers\pabooks.spec makes dist\pabooks\) and then:  iscc installers\windows\pabooks.iss
;
; - Installs for the current user only: no administrator rights are asked for (PrivilegesRequired=lowest).
; - A Start menu entry, and an optional desktop shortcut.
; - .pabooks files open in PA Books (registered for this user, under HKCU).
; - Uninstalling removes the program only. Employer files, settings and backups are the holder's own and are
;   kept, unless the holder ticks the box to remove PA Books' settings and backups as well (employer files
;   they saved in their own folders are never touched).

#define AppName "PA Books"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6C1F5E0A-9B1E-4C57-8E2B-5A0B7F3D2C41}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=PA Books
DefaultDirName={localappdata}\Programs\PA Books
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
OutputDir=..\..\build
OutputBaseFilename=PA-Books-{#AppVersion}-windows-setup
SetupIconFile=..\..\build\pabooks.ico
UninstallDisplayIcon={app}\pabooks.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "Put PA Books on the desktop"; Flags: unchecked

[Files]
Source: "..\..\build\dist\pabooks\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\pabooks.exe"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\pabooks.exe"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "Software\Classes\.pabooks"; ValueType: string; ValueName: ""; ValueData: "PABooks.EmployerFile"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\PABooks.EmployerFile"; ValueType: string; ValueName: ""; ValueData: "PA Books employer file"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\PABooks.EmployerFile\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\pabooks.exe,0"
Root: HKCU; Subkey: "Software\Classes\PABooks.EmployerFile\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\pabooks.exe"" ""%1"""

[Run]
Filename: "{app}\pabooks.exe"; Description: "Open PA Books now"; Flags: nowait postinstall skipifsilent

[Code]
var
  RemoveData: Boolean;

function InitializeUninstall(): Boolean;
begin
  RemoveData := MsgBox('Also remove PA Books'' settings and backups from this computer?' + #13#10 + #13#10 +
    'Choose No to keep them (you can install PA Books again later and carry on). Employer files you saved ' +
    'in your own folders are never removed.', mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and RemoveData then
    DelTree(ExpandConstant('{localappdata}\PA Books'), True, True, True);
end;
