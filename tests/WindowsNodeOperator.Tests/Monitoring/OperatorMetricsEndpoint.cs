using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using WindowsNodeOperator.Hosting.Configuration;
using WindowsNodeOperator.Hosting.Endpoints;

namespace WindowsNodeOperator.Tests.Monitoring;

/// <summary>
/// /metrics of one operator host of this test process, named as the operator's exporter names them. Only the meters of
/// that host's <see cref="IMeterFactory"/> are read: other tests' operators in the process stay out of it.
/// </summary>
internal sealed class OperatorMetricsEndpoint : IAsyncDisposable
{
    private readonly MeterProvider _provider;
    private readonly HttpEndpoint _endpoint;

    public OperatorMetricsEndpoint(IServiceProvider operatorServices, int port)
    {
        var factory = operatorServices.GetRequiredService<IMeterFactory>();
        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(PrometheusExporter.MeterPrefix, PrometheusExporter.MeterPrefix + ".*")
            .AddView(i => ReferenceEquals(i.Meter.Scope, factory)
                ? new MetricStreamConfiguration { Name = PrometheusExporter.ExportedName(i.Name) }
                : MetricStreamConfiguration.Drop)
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0)
            .Build();
        _endpoint = new HttpEndpoint(BindAddress.Parse($"127.0.0.1:{port}"), routes =>
            routes.MapPrometheusScrapingEndpoint("/metrics", _provider, configureBranchedPipeline: null, optionsName: null));
    }

    public Task StartAsync() => _endpoint.StartAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _endpoint.DisposeAsync();
        _provider.Dispose();
    }
}
