using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using SessionLab.Accounts.Audit;
using SessionLab.Accounts.Data;
using SessionLab.Accounts.FirstRun;
using SessionLab.Accounts.Tokens;
using SessionLab.Accounts.Workspaces;
using SessionLab.Storage;

namespace SessionLab.Accounts;

/// <summary>
/// How callers are recognised: members by Identity's cookie (the browser app) or Identity's bearer token (scripts,
/// the command line, tests); holders of a session or view-only link by the link scheme, which the server registers.
/// One policy scheme picks among them per request, so every route authenticates the same way.
/// </summary>
public static class AccountsAuthentication
{
    /// <summary>The scheme every route authenticates with; it forwards to one of the three below.</summary>
    public const string Scheme = "SessionLab";

    /// <summary>Session invites, identities and view-only links ("sl2." tokens in the Authorization header).</summary>
    public const string LinkScheme = "SessionLink";

    /// <summary>Signed in as a member, by cookie or bearer token.</summary>
    public const string MemberPolicy = "member";

    public const string SignInLimit = "sign-in";
    public const string StudyCreationLimit = "study-creation";
    public const string InviteMintingLimit = "invite-minting";

    /// <summary>Single sign-on through the OpenID Connect provider in Accounts:Oidc, registered only when it has an Authority.</summary>
    public const string OidcScheme = "oidc";

    public static IServiceCollection AddSessionLabAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSessionStorage();
        services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.SectionName)
            .Validate(o => o.StorageQuotaGigabytes >= 0 && double.IsFinite(o.StorageQuotaGigabytes), "Accounts:StorageQuotaGigabytes must be 0 (no limit) or more.")
            .ValidateOnStart();
        services.AddOptions<AccountsRateLimits>().BindConfiguration(AccountsRateLimits.SectionName);
        services.AddDbContextFactory<AccountsDbContext>((sp, db) =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            if (storage.Provider == StorageProvider.Postgres)
            {
                db.UseNpgsql(storage.PostgresConnectionString);
            }
            else
            {
                var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
                var folder = Path.GetFullPath(storage.DataDirectory, root);
                Directory.CreateDirectory(folder);
                db.UseSqlite($"Data Source={Path.Combine(folder, sp.GetRequiredService<IOptions<AccountsOptions>>().Value.DatabaseFileName)}");
            }
        });
        // Before Data Protection's own start-up, which reads the key ring from the tables this creates.
        services.AddHostedService<AccountsStartup>();
        services.AddDataProtection().SetApplicationName("SessionLab").PersistKeysToDbContext<AccountsDbContext>();
        services.AddIdentityCore<Member>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                // Length over composition rules (NIST SP 800-63B): a long passphrase beats "P@ssw0rd1".
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                // Passkeys' table (Identity schema version 3) is created with the rest.
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<MemberClaimsPrincipalFactory>();
        // Passkeys (WebAuthn) through Identity's own handler. Between the options and the browser's answer, SignInManager
        // keeps the challenge in the TwoFactorUserId cookie that AddIdentityCookies registers below.
        services.TryAddScoped<IPasskeyHandler<Member>, PasskeyHandler<Member>>();
        services.AddOptions<IdentityPasskeyOptions>()
            .Configure<IOptions<AccountsOptions>>((passkeys, accounts) =>
            {
                if (!string.IsNullOrWhiteSpace(accounts.Value.Passkeys.ServerDomain))
                {
                    passkeys.ServerDomain = accounts.Value.Passkeys.ServerDomain.Trim();
                }
                // A passkey is for signing in without a password: keep it on the authenticator (discoverable), so the
                // sign-in page needs no e-mail address first.
                passkeys.ResidentKeyRequirement = "required";
            });
        var authentication = services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(Scheme, "Members and links", o => o.ForwardDefaultSelector = SchemeFor)
            .AddBearerToken(IdentityConstants.BearerScheme);
        authentication.AddIdentityCookies();
        var oidc = configuration.GetSection(AccountsOptions.SectionName).Get<AccountsOptions>()?.Oidc ?? new OidcOptions();
        if (oidc.Enabled)
        {
            authentication.AddOpenIdConnect(OidcScheme, oidc.Name, o => ConfigureOidc(o, oidc));
        }
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<AccountsOptions>>((cookie, accounts) =>
            {
                cookie.Cookie.Name = "sessionlab.auth";
                cookie.Cookie.HttpOnly = true;
                // Strict: the API is never called from another site, so no other site can ride a member's cookie.
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.ExpireTimeSpan = accounts.Value.SignInLifetime;
                cookie.SlidingExpiration = true;
                // An API answers 401/403 (written by the authorization result handler), never a redirect to a login page.
                cookie.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                cookie.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(MemberPolicy, p => p.RequireAuthenticatedUser().AddAuthenticationSchemes(Scheme).RequireAssertion(c => c.User.MemberId() is not null));
        services.AddRateLimiter(AddLimits);
        services.AddSingleton<ProtectedTokens>();
        services.AddSingleton<WorkspaceDirectory>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<OwnerSetup>();
        return services;
    }

    /// <summary>
    /// The authorization code flow with PKCE; the provider's answer lands in Identity's external cookie, and
    /// <c>/api/account/sso/finish</c> decides whose account it is. No tokens are kept: SessionLab only needs to know who.
    /// </summary>
    private static void ConfigureOidc(OpenIdConnectOptions o, OidcOptions oidc)
    {
        o.Authority = oidc.Authority!.Trim();
        o.ClientId = oidc.ClientId;
        o.ClientSecret = oidc.ClientSecret;
        o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        o.SignInScheme = IdentityConstants.ExternalScheme;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.UsePkce = true;
        o.SaveTokens = false;
        o.CallbackPath = "/signin-oidc";
        o.Scope.Clear();
        foreach (var scope in new[] { "openid", "profile", "email" }.Concat((oidc.Scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct())
        {
            o.Scope.Add(scope);
        }
        // Cancelled at the provider, or its answer was refused: back to the sign-in page with a word, not an error page.
        o.Events.OnRemoteFailure = context =>
        {
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AccountsAuthentication))
                .LogWarning(context.Failure, "Single sign-on failed at the provider's answer.");
            context.Response.Redirect("/sign-in?sso=failed");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    private static string SchemeFor(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return ProtectedTokens.LooksLikeToken(header["Bearer ".Length..].Trim()) ? LinkScheme : IdentityConstants.BearerScheme;
        }
        return IdentityConstants.ApplicationScheme;
    }

    /// <summary>
    /// Abuse at the door: sign-in per client address, study creation and invite minting per member. A refusal is a
    /// 429 problem with Retry-After, so a script backs off and a person reads when to try again.
    /// </summary>
    private static void AddLimits(RateLimiterOptions options)
    {
        options.AddPolicy(SignInLimit, http => Window(http, "ip:" + http.Connection.RemoteIpAddress, l => l.SignInPerMinute));
        options.AddPolicy(StudyCreationLimit, http => Window(http, "member:" + http.User.MemberId(), l => l.StudiesPerMinute));
        options.AddPolicy(InviteMintingLimit, http => Window(http, "member:" + (http.User.MemberId() ?? http.Connection.RemoteIpAddress?.ToString()), l => l.InvitesPerMinute));
        options.OnRejected = async (context, cancellationToken) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
            context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await AccountProblems.Create(StatusCodes.Status429TooManyRequests, AccountProblems.RateLimited, "Too many requests",
                $"Too many attempts in a short time; try again in {retryAfter} seconds.").ExecuteAsync(context.HttpContext);
        };
    }

    private static RateLimitPartition<string> Window(HttpContext http, string key, Func<AccountsRateLimits, int> limit)
    {
        var permits = limit(http.RequestServices.GetRequiredService<IOptions<AccountsRateLimits>>().Value);
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }
}

/// <summary>Settings under "Accounts:RateLimits": how many of each a caller may do in a minute.</summary>
public sealed class AccountsRateLimits
{
    public const string SectionName = "Accounts:RateLimits";

    public int SignInPerMinute { get; set; } = 30;
    public int StudiesPerMinute { get; set; } = 30;
    public int InvitesPerMinute { get; set; } = 120;
}
