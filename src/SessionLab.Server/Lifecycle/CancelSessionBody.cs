namespace SessionLab.Server.Lifecycle;

/// <summary>Why a scheduled session will not run: <c>noShow</c> true when the participant did not come, false when it was called off.</summary>
public sealed record CancelSessionBody(bool? NoShow);
