using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WindowsNodeOperator.Hosting.Configuration;

namespace WindowsNodeOperator.Hosting.Endpoints;

/// <summary>Serves <c>/metrics</c> on the metrics address and <c>/healthz</c>, <c>/readyz</c> on the health probe address.</summary>
internal sealed partial class OperatorEndpoints : IHostedService, IAsyncDisposable
{
    private readonly HttpEndpoint _metrics;
    private readonly HttpEndpoint _health;
    private readonly ILogger<OperatorEndpoints> _logger;

    public OperatorEndpoints(IOptions<OperatorOptions> options, PrometheusExporter exporter, ReadinessCheck readiness, LivenessCheck liveness, ILogger<OperatorEndpoints> logger)
    {
        _logger = logger;
        var settings = options.Value;
        _metrics = new HttpEndpoint(BindAddress.Parse(settings.MetricsBindAddress), routes => routes.MapPrometheusScrapingEndpoint("/metrics", exporter.MeterProvider, configureBranchedPipeline: null, optionsName: null));
        _health = new HttpEndpoint(BindAddress.Parse(settings.HealthProbeBindAddress), routes =>
        {
            routes.MapGet("/healthz", () => liveness.Problem() is { } stuck
                ? Results.Text(stuck + "\n", statusCode: StatusCodes.Status500InternalServerError)
                : Results.Text("ok\n"));
            routes.MapGet("/readyz", async (CancellationToken ct) =>
            {
                var problems = await readiness.ProblemsAsync(ct).ConfigureAwait(false);
                return problems.Count == 0
                    ? Results.Text("ok\n")
                    : Results.Text(Lines(problems), statusCode: StatusCodes.Status503ServiceUnavailable);
            });
        });
    }

    public Uri? MetricsAddress => _metrics.Address;

    public Uri? HealthAddress => _health.Address;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _health.StartAsync(cancellationToken).ConfigureAwait(false);
        await _metrics.StartAsync(cancellationToken).ConfigureAwait(false);
        LogServing(_logger, new Uri(_metrics.Address!, "/metrics"), new Uri(_health.Address!, "/healthz"), new Uri(_health.Address!, "/readyz"));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _metrics.StopAsync(cancellationToken).ConfigureAwait(false);
        await _health.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _metrics.DisposeAsync().ConfigureAwait(false);
        await _health.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(4001, LogLevel.Information, "Serving metrics at {Metrics}, probes at {Liveness} and {Readiness}")]
    private static partial void LogServing(ILogger logger, Uri metrics, Uri liveness, Uri readiness);

    private static string Lines(IEnumerable<string> problems)
    {
        var text = new StringBuilder();
        foreach (var problem in problems)
        {
            text.Append(problem).Append('\n');
        }

        return text.ToString();
    }
}
