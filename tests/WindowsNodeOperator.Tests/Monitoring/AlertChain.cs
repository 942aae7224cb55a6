using System.Globalization;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Tests.Monitoring;

/// <summary>
/// The real chain on loopback: Prometheus (Debian's server) scrapes the operator's /metrics on <see cref="MetricsPort"/>
/// every second and evaluates the shipped rules, their <c>for:</c> cut to seconds in this copy only; Alertmanager
/// (Debian's) groups for a second and delivers to <see cref="Receiver"/>.
/// </summary>
internal sealed class AlertChain : IAsyncDisposable
{
    public const string Job = "windows-node-operator-metrics";

    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _dir = new("wno-alert-chain-");
    private readonly List<ServerProcess> _servers = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private Uri? _prometheus;

    private AlertChain(int metricsPort) => MetricsPort = metricsPort;

    public int MetricsPort { get; }

    public WebhookReceiver Receiver { get; } = new(FreePort.Next());

    public static async Task<AlertChain> StartAsync(TimeSpan shortFor)
    {
        var chain = new AlertChain(FreePort.Next());
        try
        {
            await chain.StartServersAsync(shortFor);
            return chain;
        }
        catch
        {
            await chain.DisposeAsync();
            throw;
        }
    }

    /// <summary>The alerts Prometheus holds now (pending or firing).</summary>
    public async Task<IReadOnlyList<(string Name, string State)>> PrometheusAlertsAsync()
    {
        var body = JsonNode.Parse(await _http.GetStringAsync(new Uri(_prometheus!, "/api/v1/alerts")))!;
        return body["data"]!["alerts"]!.AsArray()
            .Select(a => (a!["labels"]!["alertname"]!.GetValue<string>(), a["state"]!.GetValue<string>()))
            .ToList();
    }

    public string Output => string.Join('\n', _servers.Select(s => s.Output));

    /// <summary>What Prometheus knows of its scrape target and of the operator's series now, for a failure message.</summary>
    public async Task<string> DiagnoseAsync()
    {
        try
        {
            var targets = await _http.GetStringAsync(new Uri(_prometheus!, "/api/v1/targets"));
            var series = await _http.GetStringAsync(new Uri(_prometheus!, "/api/v1/query?query=" + Uri.EscapeDataString("{__name__=~\"up|windowsnode_blocked_drains|windowsnode_refresh_failed|windowsnode_leader\"}")));
            return $"targets: {targets}\nseries: {series}";
        }
        catch (HttpRequestException e)
        {
            return $"Prometheus did not answer: {e.Message}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            server.Dispose();
        }

        await Receiver.DisposeAsync();
        _http.Dispose();
        _dir.Dispose();
    }

    private async Task StartServersAsync(TimeSpan shortFor)
    {
        await Receiver.StartAsync();
        var alertmanagerPort = FreePort.Next();
        var prometheusPort = FreePort.Next();

        File.WriteAllText(_dir.Combine("alertmanager.yml"), $$"""
            route:
              receiver: test
              group_by: [alertname, policy, group]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: test
                webhook_configs:
                  - url: {{Receiver.Url}}
                    send_resolved: true
            """);
        var alertmanager = new ServerProcess(PrometheusTools.Alertmanager, [
            "--config.file=" + _dir.Combine("alertmanager.yml"),
            "--storage.path=" + _dir.Combine("alertmanager-data"),
            $"--web.listen-address=127.0.0.1:{alertmanagerPort}",
            "--cluster.listen-address=",
        ]);
        _servers.Add(alertmanager);

        // The shipped rules with every for: cut short; expressions and thresholds stay as shipped.
        var seconds = ((int)shortFor.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        AlertRules.WriteTo(_dir.Path, rule =>
        {
            if (rule["for"] is not null)
            {
                rule["for"] = seconds;
            }
        });
        File.WriteAllText(_dir.Combine("prometheus.yml"), $$"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            rule_files: [{{AlertRules.FileName}}]
            alerting:
              alertmanagers:
                - static_configs:
                    - targets: ["127.0.0.1:{{alertmanagerPort}}"]
            scrape_configs:
              - job_name: {{Job}}
                static_configs:
                  - targets: ["127.0.0.1:{{MetricsPort}}"]
            """);
        var prometheus = new ServerProcess(PrometheusTools.Prometheus, [
            "--config.file=" + _dir.Combine("prometheus.yml"),
            "--storage.tsdb.path=" + _dir.Combine("prometheus-data"),
            $"--web.listen-address=127.0.0.1:{prometheusPort}",
        ]);
        _servers.Add(prometheus);

        _prometheus = new Uri($"http://127.0.0.1:{prometheusPort}");
        await alertmanager.WaitReadyAsync(_http, new Uri($"http://127.0.0.1:{alertmanagerPort}/-/ready"), Startup);
        await prometheus.WaitReadyAsync(_http, new Uri(_prometheus, "/-/ready"), Startup);
    }
}
