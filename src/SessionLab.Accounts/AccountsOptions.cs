namespace SessionLab.Accounts;

/// <summary>Settings under "Accounts".</summary>
public sealed class AccountsOptions
{
    public const string SectionName = "Accounts";

    /// <summary>The SQLite file, in the data folder, that holds accounts on the embedded default.</summary>
    public string DatabaseFileName { get; set; } = "accounts.db";

    /// <summary>An owner created at start-up on a server that has none, for deployments that provision themselves.</summary>
    public InitialOwnerOptions InitialOwner { get; set; } = new();

    /// <summary>How long the first-run link printed at start-up works.</summary>
    public TimeSpan SetupLinkLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a signed-in browser stays signed in without being used.</summary>
    public TimeSpan SignInLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Passkeys (WebAuthn): how the server names itself to authenticators.</summary>
    public PasskeyOptions Passkeys { get; set; } = new();

    /// <summary>Single sign-on through an OpenID Connect provider (Okta, Entra ID, Google Workspace…); off without an Authority.</summary>
    public OidcOptions Oidc { get; set; } = new();

    /// <summary>
    /// How many gigabytes (10^9 bytes; fractions allowed) of recordings each workspace may hold across its studies;
    /// 0 for no limit. A recording still uploading counts with the size it announced.
    /// </summary>
    public double StorageQuotaGigabytes { get; set; } = 50;

    /// <summary>The quota in bytes, or null for no limit.</summary>
    public long? StorageQuotaBytes => StorageQuotaGigabytes > 0 ? (long)Math.Round(StorageQuotaGigabytes * 1_000_000_000d) : null;
}

public sealed class PasskeyOptions
{
    /// <summary>
    /// The relying party ID passkeys are bound to, such as <c>sessionlab.example.com</c>. Unset, each request's own host
    /// name is used, which suits <c>localhost</c> and a single public name; set it when the app is reached under
    /// several names, since a passkey made under one name only works under that name (or its parent domain).
    /// </summary>
    public string? ServerDomain { get; set; }
}

/// <summary>Settings under "Accounts:Oidc": the identity provider members may sign in with, besides a password or passkey.</summary>
public sealed class OidcOptions
{
    /// <summary>The provider's issuer URL, such as <c>https://example.okta.com</c>; empty turns single sign-on off.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The provider's name on the sign-in page's button ("Sign in with Okta").</summary>
    public string? DisplayName { get; set; }

    /// <summary>Scopes to ask for besides <c>openid profile email</c>, separated by spaces.</summary>
    public string? Scopes { get; set; }

    /// <summary>Whether the provider's metadata must come over HTTPS; only a test provider on the loopback turns it off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? "single sign-on" : DisplayName.Trim();
}

public sealed class InitialOwnerOptions
{
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? DisplayName { get; set; }
}
