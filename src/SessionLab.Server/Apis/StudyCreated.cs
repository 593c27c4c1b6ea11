using SessionLab.Sessions;

namespace SessionLab.Server.Apis;

public sealed record StudyCreated(Study Study, string OwnerToken, string SetupUrl);
