using System.Text.Json.Serialization;
using Orleans;

namespace SessionLab.Sessions;

/// <summary>
/// Something that happened in a session. Every accepted command becomes exactly one event;
/// the session's state is a fold over its events (<see cref="SessionState.Apply"/>).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SessionScheduled), "sessionScheduled")]
[JsonDerivedType(typeof(SessionStarted), "sessionStarted")]
[JsonDerivedType(typeof(SessionEnded), "sessionEnded")]
[JsonDerivedType(typeof(SessionCancelled), "sessionCancelled")]
[JsonDerivedType(typeof(NoteAdded), "noteAdded")]
[JsonDerivedType(typeof(NoteEdited), "noteEdited")]
[JsonDerivedType(typeof(NoteDeleted), "noteDeleted")]
[JsonDerivedType(typeof(TaskStarted), "taskStarted")]
[JsonDerivedType(typeof(TaskEnded), "taskEnded")]
[JsonDerivedType(typeof(QuestionnaireRequested), "questionnaireRequested")]
[JsonDerivedType(typeof(SeqAnswered), "seqAnswered")]
[JsonDerivedType(typeof(SusAnswered), "susAnswered")]
[JsonDerivedType(typeof(TagAddedToPalette), "tagAddedToPalette")]
[GenerateSerializer, Immutable, Alias("SessionLab.SessionEvent")]
public abstract record SessionEvent;
