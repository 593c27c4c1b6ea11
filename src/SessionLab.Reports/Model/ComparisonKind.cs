namespace SessionLab.Reports;

/// <summary>What a report's comparison holds side by side.</summary>
public enum ComparisonKind
{
    /// <summary>This study against another round of it.</summary>
    Studies,

    /// <summary>Two groups of this study's sessions.</summary>
    Groups,
}
