namespace SessionLab.Reports;

/// <summary>A rendered report file: what an endpoint returns as a download and a command line writes to disk.</summary>
public sealed record ReportDocument(string FileName, string ContentType, ReadOnlyMemory<byte> Content);
