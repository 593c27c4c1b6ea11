namespace SessionLab.Sessions.Grains;

/// <summary>What a rule decides about a command: the event to record, or the typed reason to refuse it.</summary>
public readonly record struct Decision(SessionEvent? Event, SessionError? Error)
{
    public static implicit operator Decision(SessionEvent accepted) => new(accepted, null);

    public static implicit operator Decision(SessionError refused) => new(null, refused);
}
