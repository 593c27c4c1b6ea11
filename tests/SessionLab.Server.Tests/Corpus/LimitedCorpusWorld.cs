namespace SessionLab.Server.Tests.Corpus;

/// <summary>The corpus world on a server with the shipped command budgets, for the flood cases.</summary>
public sealed class LimitedCorpusWorld() : CorpusWorld(limited: true);
