using Microsoft.Extensions.DependencyInjection;
using SessionLab.Reports.Storage;
using SessionLab.Sessions;
using SessionLab.Storage;

namespace SessionLab.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the report service and the severity store of the configured provider (SQLite or PostgreSQL), on top of
    /// the session stores it reads.
    /// </summary>
    public static IServiceCollection AddStudyReports(this IServiceCollection services)
    {
        services.AddSessionStorage();
        services.AddSingleton<IFindingSeverityStore>(sp => sp.UsesPostgres()
            ? new PostgresFindingSeverityStore(sp.GetRequiredService<PostgresDatabase>())
            : new SqliteFindingSeverityStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<StudyReportService>();
        return services;
    }
}
