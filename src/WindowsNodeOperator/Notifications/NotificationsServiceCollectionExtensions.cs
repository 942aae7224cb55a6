using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WindowsNodeOperator.Runtime.Election;

namespace WindowsNodeOperator.Notifications;

/// <summary>Registers webhook notifications when the settings name at least one webhook; otherwise nothing.</summary>
internal static class NotificationsServiceCollectionExtensions
{
    private const string HttpClientKey = nameof(WebhookSender);

    public static IServiceCollection AddWebhookNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(NotificationsOptions.Section);
        if (!section.GetSection(nameof(NotificationsOptions.Webhooks)).GetChildren().Any())
        {
            return services;
        }

        services.AddOptions<NotificationsOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationsOptions>, NotificationsOptionsValidator>();
        services.AddMetrics();
        services.TryAddSingleton<WebhookMetrics>();
        services.AddKeyedSingleton(HttpClientKey, (_, _) => CreateHttpClient());
        services.TryAddSingleton(sp => new WebhookSender(sp.GetRequiredKeyedService<HttpClient>(HttpClientKey), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NotificationsOptions>>().Value;
            var loggers = sp.GetRequiredService<ILoggerFactory>();
            var endpoints = options.Webhooks
                .Select(w => new WebhookEndpoint(
                    w,
                    Environment.GetEnvironmentVariable,
                    sp.GetRequiredService<WebhookSender>(),
                    sp.GetRequiredService<WebhookMetrics>(),
                    sp.GetRequiredService<TimeProvider>(),
                    loggers.CreateLogger<WebhookEndpoint>()))
                .ToList();
            return new WebhookNotifier(
                endpoints,
                sp.GetRequiredService<ILeadership>(),
                sp.GetRequiredService<WebhookMetrics>(),
                sp.GetRequiredService<TimeProvider>(),
                loggers.CreateLogger<WebhookNotifier>());
        });
        services.TryAddSingleton<IEventNotifier>(sp => sp.GetRequiredService<WebhookNotifier>());
        services.AddHostedService(sp => sp.GetRequiredService<WebhookNotifier>());
        return services;
    }

    // Not IHttpClientFactory: its logging handler writes request URLs, and a webhook's URL is a credential.
    private static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
}
