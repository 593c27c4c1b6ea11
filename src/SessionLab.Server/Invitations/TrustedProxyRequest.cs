using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace SessionLab.Server.Invitations;

/// <summary>
/// Marks a request that arrived from a proxy named in <c>SessionLab:TrustedProxies</c>, whose forwarded host may name
/// links. Set before the forwarded headers are applied, while the connection still shows the proxy's address.
/// </summary>
public sealed class TrustedProxyRequest
{
    public const string SettingName = "SessionLab:TrustedProxies";

    private static readonly TrustedProxyRequest Instance = new();

    /// <summary>The proxies' addresses from the setting: a comma-separated list of IP addresses.</summary>
    public static IReadOnlyList<IPAddress> Proxies(IConfiguration configuration) =>
        (configuration[SettingName] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => IPAddress.TryParse(p, out var address) ? address : throw new InvalidOperationException($"{SettingName} must list IP addresses; '{p}' is not one."))
            .ToList();

    /// <summary>Forwarded headers from the configured proxies only; with none configured, none are honoured.</summary>
    public static IApplicationBuilder UseTrustedProxies(IApplicationBuilder app, IConfiguration configuration)
    {
        var proxies = Proxies(configuration);
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost };
        // The defaults trust loopback; a proxy on this machine is trusted only when it is configured.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(proxy);
        }
        app.Use((context, next) =>
        {
            if (context.Connection.RemoteIpAddress is { } peer && proxies.Any(p => p.Equals(peer) || (peer.IsIPv4MappedToIPv6 && p.Equals(peer.MapToIPv4()))))
            {
                context.Features.Set(Instance);
            }
            return next(context);
        });
        return app.UseForwardedHeaders(options);
    }
}
