; Inno Setup 6 script: the per-machine Windows installer of the workstation.
; Saved as UTF-8 with a BOM: ISCC reads the Japanese texts correctly only with it; keep the BOM when editing.
;
; Build on a Windows build host after the PyInstaller bundle (see build/WINDOWS.md):
;   set WORKSTATION_BUNDLE_MODELS=none
;   pyinstaller --noconfirm --clean --distpath dist --workpath build\work\pyinstaller build\workstation.spec
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 build\windows\workstation.iss
; The bundle is built without models; this installer adds each model as a component the installing person can
; choose, so one setup file serves laptops that need different models. The output is
; dist\installer\workstation-<version>-setup.exe.
;
; What it does: installs for all users under Program Files (administrator rights), adds Start-menu entries
; (the program, and a self-test window for IT), optionally a desktop icon; the uninstaller removes the program and
; asks (default: No) whether to delete the data of the user who runs it. Per-user data (autosaves, translation
; memory, imported models, settings, logs) otherwise stays in %LOCALAPPDATA%\workstation.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Workstation"
#define AppNameJa "翻訳・校正ワークステーション"
#define AppPublisher "Workstation project"
#define RepoDir AddBackslash(SourcePath) + "..\.."
#define BundleDir RepoDir + "\dist\workstation"
#define ModelsDir RepoDir + "\models"
#define ExtraModelsDir AddBackslash(SourcePath) + "extra-models"
#define VcRedist AddBackslash(SourcePath) + "vc_redist.x64.exe"
; PyInstaller 6 one-folder layout: everything but the executables lives in _internal (sys._MEIPASS), and the
; program looks for models\ and resources\ there.
#define DataDir "{app}\_internal"

#if !FileExists(BundleDir + "\workstation.exe")
  #error The bundle is missing: build dist\workstation with PyInstaller first (see build\WINDOWS.md).
#endif
#if DirExists(BundleDir + "\_internal\models")
  #error The bundle already contains models: rebuild it with WORKSTATION_BUNDLE_MODELS=none so models stay optional.
#endif

[Setup]
AppId={{6C1E3F0A-4F7B-4B5E-9C52-2F3A8D1E7B90}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per machine: administrators install once for every user of the laptop.
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#RepoDir}\dist\installer
OutputBaseFilename=workstation-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
LZMAUseSeparateProcess=yes
WizardStyle=modern
UninstallDisplayIcon={app}\workstation.exe
UninstallDisplayName={#AppName} {#AppVersion}
SetupLogging=yes
; Close a running copy before files are replaced.
CloseApplications=yes
RestartApplications=no
; To sign setup and uninstaller, define a sign tool in the IDE or pass /S on the ISCC command line and uncomment:
; SignTool=signtool
; SignedUninstaller=yes

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
japanese.TypeFull=すべて（プログラムと全モデル）
english.TypeFull=Full (program and every model)
japanese.TypeCompact=プログラムのみ（モデルは後から .wsmodel で取り込み）
english.TypeCompact=Program only (bring models later as .wsmodel files)
japanese.TypeCustom=選択してインストール
english.TypeCustom=Custom
japanese.CompProgram={#AppNameJa}（必須）
english.CompProgram={#AppName} (required)
japanese.CompModels=翻訳モデル
english.CompModels=Translation models
japanese.CompJaEn=内蔵モデル 日→英（小型）
english.CompJaEn=Built-in model ja→en (small)
japanese.CompEnJa=内蔵モデル 英→日（小型）
english.CompEnJa=Built-in model en→ja (small)
japanese.CompExtra=追加モデル（IT 部門が用意したもの）
english.CompExtra=Additional models (prepared by IT)
japanese.SelfTest=自己診断
english.SelfTest=self-test
japanese.DeleteUserData=このユーザーの保存データ（自動保存、翻訳メモリ、取り込んだモデル、設定、ログ）も削除しますか？%n%n%1%n%n他のユーザーのデータは削除されません。
english.DeleteUserData=Also delete this user's data (autosaves, translation memory, imported models, settings, logs)?%n%n%1%n%nOther users' data is not deleted.

[Types]
Name: "full"; Description: "{cm:TypeFull}"
Name: "compact"; Description: "{cm:TypeCompact}"
Name: "custom"; Description: "{cm:TypeCustom}"; Flags: iscustom

[Components]
Name: "program"; Description: "{cm:CompProgram}"; Types: full compact custom; Flags: fixed
#if DirExists(ModelsDir + "\builtin-ja-en") || DirExists(ModelsDir + "\builtin-en-ja") || DirExists(ExtraModelsDir)
Name: "models"; Description: "{cm:CompModels}"; Types: full
#endif
#if FileExists(ModelsDir + "\builtin-ja-en\workstation-model.json")
Name: "models\ja_en"; Description: "{cm:CompJaEn}"; Types: full
#endif
#if FileExists(ModelsDir + "\builtin-en-ja\workstation-model.json")
Name: "models\en_ja"; Description: "{cm:CompEnJa}"; Types: full
#endif
#if DirExists(ExtraModelsDir)
; Production models: put each model folder (with its workstation-model.json) in build\windows\extra-models\.
Name: "models\extra"; Description: "{cm:CompExtra}"; Types: full
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Components: program; Flags: ignoreversion recursesubdirs createallsubdirs
; Models ship exactly the files their manifest lists (checked at run time with `workstation models verify`);
; training leftovers must not be in these folders (build/bundle_contents.py applies the same rule on Linux).
#if FileExists(ModelsDir + "\builtin-ja-en\workstation-model.json")
Source: "{#ModelsDir}\builtin-ja-en\*"; DestDir: "{#DataDir}\models\builtin-ja-en"; Components: models\ja_en; Flags: ignoreversion recursesubdirs createallsubdirs
#endif
#if FileExists(ModelsDir + "\builtin-en-ja\workstation-model.json")
Source: "{#ModelsDir}\builtin-en-ja\*"; DestDir: "{#DataDir}\models\builtin-en-ja"; Components: models\en_ja; Flags: ignoreversion recursesubdirs createallsubdirs
#endif
#if DirExists(ExtraModelsDir)
Source: "{#ExtraModelsDir}\*"; DestDir: "{#DataDir}\models"; Components: models\extra; Flags: ignoreversion recursesubdirs createallsubdirs
#endif
#if FileExists(VcRedist)
; Only when the bundle lacks the Visual C++ runtime (see build/WINDOWS.md): installed quietly, then deleted.
Source: "{#VcRedist}"; DestDir: "{tmp}"; Flags: deleteafterinstall
#endif

[Icons]
; workstationw.exe is the windowed build (no console); workstation.exe is the command line.
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\workstationw.exe"; WorkingDir: "{userdocs}"
Name: "{autoprograms}\{#AppName} ({cm:SelfTest})"; Filename: "{cmd}"; Parameters: "/k """"{app}\workstation.exe"" --self-test"""; WorkingDir: "{userdocs}"; IconFilename: "{app}\workstation.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\workstationw.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
#if FileExists(VcRedist)
Filename: "{tmp}\vc_redist.x64.exe"; Parameters: "/install /quiet /norestart"; StatusMsg: "Microsoft Visual C++ Runtime"; Flags: waituntilterminated
#endif
Filename: "{app}\workstationw.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent unchecked

[UninstallDelete]
; Python byte-code caches or logs written into the program folder are never user data.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
function DeleteUserDataRequested(): Boolean;
var
  I: Integer;
begin
  { Unattended removal: `unins000.exe /VERYSILENT /DELETEUSERDATA` also deletes the data of the user running it. }
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), '/DELETEUSERDATA') = 0 then
      Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  { platformdirs keeps data, settings and logs under %LOCALAPPDATA%\workstation (see the README). }
  DataDir := ExpandConstant('{localappdata}\workstation');
  if not DirExists(DataDir) then
    exit;
  if DeleteUserDataRequested() or
     ((not UninstallSilent()) and
      (MsgBox(FmtMessage(CustomMessage('DeleteUserData'), [DataDir]), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES)) then
    DelTree(DataDir, True, True, True);
end;
