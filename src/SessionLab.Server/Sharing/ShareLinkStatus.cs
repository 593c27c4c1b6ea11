namespace SessionLab.Server.Sharing;

public enum ShareLinkStatus
{
    Active,
    Expired,
    Revoked,
}
