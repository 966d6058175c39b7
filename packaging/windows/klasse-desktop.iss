; Inno Setup script: per-user installer for Windows (no administrator rights needed).
; Build on Windows, after `python tasks.py dist` made dist\klasse-desktop\:
;   iscc packaging\windows\klasse-desktop.iss
; Uninstalling keeps the user's data (settings and the encrypted case register in
; %LOCALAPPDATA%\StichtingKlasse\KlasseDesktop) unless the user asks to remove it.

#define AppName "Klasse Desktop"
#define AppVersion "0.1.0"

[Setup]
AppId={{6C7B1F2E-4B7E-4D35-9F1A-2E3C4D5B6A70}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Stichting Klasse
DefaultDirName={localappdata}\Programs\Klasse Desktop
DefaultGroupName=Klasse Desktop
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=klasse-desktop-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\klasse-desktop.ico
UninstallDisplayIcon={app}\klasse-desktop.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\klasse-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs

[Icons]
Name: "{userprograms}\Klasse Desktop"; Filename: "{app}\klasse-desktop.exe"
Name: "{userdesktop}\Klasse Desktop"; Filename: "{app}\klasse-desktop.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked

[Run]
Filename: "{app}\klasse-desktop.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[CustomMessages]
dutch.RemoveData=Wil je ook je instellingen en het versleutelde dossierregister van deze computer verwijderen? Dit kan niet ongedaan worden gemaakt.
english.RemoveData=Do you also want to remove your settings and the encrypted case register from this computer? This cannot be undone.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\StichtingKlasse\KlasseDesktop');
    if DirExists(DataDir) and not UninstallSilent then
      if MsgBox(CustomMessage('RemoveData'), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
        DelTree(DataDir, True, True, True);
  end;
end;
