namespace SessionLab.Reports;

/// <summary>How the point estimate of a proportion was computed (Lewis and Sauro, 2006).</summary>
public enum PointEstimateMethod
{
    /// <summary>x / n, the observed proportion.</summary>
    MaximumLikelihood,

    /// <summary>(x + z²/2) / (n + z²), the centre of the adjusted-Wald interval.</summary>
    Wilson,

    /// <summary>(x + 1) / (n + 2).</summary>
    Laplace,
}
