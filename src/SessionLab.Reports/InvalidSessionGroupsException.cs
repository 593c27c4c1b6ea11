namespace SessionLab.Reports;

/// <summary>Groups of sessions that cannot be compared as given; the message says which member and why, for the person who typed it.</summary>
public sealed class InvalidSessionGroupsException : Exception
{
    public InvalidSessionGroupsException()
    {
    }

    public InvalidSessionGroupsException(string message)
        : base(message)
    {
    }

    public InvalidSessionGroupsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
