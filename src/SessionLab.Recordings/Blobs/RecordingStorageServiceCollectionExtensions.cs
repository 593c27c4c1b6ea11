using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SessionLab.Recordings;

public static class RecordingStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IBlobStore"/> (Azure Blob Storage when <c>Recordings:ConnectionString</c> is set, else the
    /// local folder) and the <see cref="PlaybackUrlSigner"/>, with options validated at start-up.
    /// </summary>
    public static IServiceCollection AddRecordingStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RecordingStorageOptions>()
            .Bind(configuration.GetSection(RecordingStorageOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RecordingStorageOptions>, RecordingStorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(CreateSigner);
        services.TryAddSingleton(CreateStore);
        return services;
    }

    private static PlaybackUrlSigner CreateSigner(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<RecordingStorageOptions>>().Value;
        var key = options.PlaybackSigningKey is { } configured ? Convert.FromBase64String(configured) : RandomNumberGenerator.GetBytes(32);
        return new PlaybackUrlSigner(key, options.PlaybackPath, services.GetRequiredService<TimeProvider>());
    }

    private static IBlobStore CreateStore(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<RecordingStorageOptions>>().Value;
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var logger = loggers.CreateLogger(typeof(IBlobStore).FullName!);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            var azure = AzureBlobStore.Create(options.ConnectionString, options.Container, options.MaxBlockBytes, loggers.CreateLogger<AzureBlobStore>());
            RecordingStorageLog.StoreSelected(logger, "Azure Blob Storage", azure.ContainerUri.AbsoluteUri);
            return azure;
        }

        var contentRoot = services.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
        var local = new LocalDiskBlobStore(Path.Combine(contentRoot, options.LocalPath), services.GetRequiredService<PlaybackUrlSigner>(), loggers.CreateLogger<LocalDiskBlobStore>());
        RecordingStorageLog.StoreSelected(logger, "a local folder", local.RootPath);
        return local;
    }
}
