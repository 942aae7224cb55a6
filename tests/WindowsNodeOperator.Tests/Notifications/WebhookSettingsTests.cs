using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WindowsNodeOperator.Hosting;
using WindowsNodeOperator.Hosting.Configuration;
using WindowsNodeOperator.Notifications;
using WindowsNodeOperator.Tests.Hosting;

namespace WindowsNodeOperator.Tests.Notifications;

[Collection(OperatorHosts.Name)]
public sealed class WebhookSettingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("webhook-settings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_URL_from_a_file_or_a_variable_is_valid()
    {
        var file = Path.Combine(_dir, "url");
        File.WriteAllText(file, "https://hooks.example.com/services/SECRET\n");
        var options = Options(new WebhookOptions { Name = "slack", UrlFile = file }, new WebhookOptions { Name = "pager", UrlEnv = "PAGER_URL" });

        var result = new NotificationsOptionsValidator(name => name == "PAGER_URL" ? "https://pager.example.com/x" : null).Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.True(WebhookUrl.TryResolve(options.Webhooks[0], _ => null, out var url, out _));
        Assert.Equal("https://hooks.example.com/services/SECRET", url.ToString());
    }

    [Fact]
    public void Bad_webhooks_are_refused_naming_each_setting_and_never_the_URL()
    {
        var notUrl = Path.Combine(_dir, "not-a-url");
        File.WriteAllText(notUrl, "SECRET-but-not-a-url");
        var bad = new WebhookOptions { Name = "Slack!", Url = "https://hooks.example.com/SECRET", UrlEnv = "NOT_SET", Timeout = TimeSpan.Zero, MaxAttempts = 0 };
        bad.Reasons.Add("NodeExploded");
        var options = Options(
            bad,
            new WebhookOptions { Name = "a", UrlFile = notUrl, QueueCapacity = 0 },
            new WebhookOptions { Name = "a", UrlFile = Path.Combine(_dir, "missing") },
            new WebhookOptions { Name = "b" },
            new WebhookOptions { Name = "c", UrlFile = notUrl, UrlEnv = "X" });

        var failures = new NotificationsOptionsValidator(_ => null).Validate(null, options).Failures!.ToList();

        Assert.Contains("Notifications:Webhooks:0:Name: 'Slack!' must be 1 to 63 lower-case letters, digits or '-' (it labels metrics).", failures);
        Assert.Contains(failures, f => f.StartsWith("Notifications:Webhooks:0:Url: a webhook URL is a credential", StringComparison.Ordinal));
        Assert.Contains("Notifications:Webhooks:0:UrlEnv: the variable NOT_SET is empty or missing.", failures);
        Assert.Contains(failures, f => f.StartsWith("Notifications:Webhooks:0:Reasons: 'NodeExploded' is not a reason the operator records; use AmiDrift, ", StringComparison.Ordinal));
        Assert.Contains("Notifications:Webhooks:0:Timeout: 00:00:00 must be more than zero and at most 00:05:00.", failures);
        Assert.Contains("Notifications:Webhooks:0:MaxAttempts: 0 must be from 1 to 20.", failures);
        Assert.Contains($"Notifications:Webhooks:1:UrlFile: the file '{notUrl}' does not hold an absolute http(s) URL.", failures);
        Assert.Contains("Notifications:Webhooks:1:QueueCapacity: 0 must be from 1 to 10000.", failures);
        Assert.Contains("Notifications:Webhooks:2:Name: 'a' is already the name of another webhook.", failures);
        Assert.Contains(failures, f => f.StartsWith("Notifications:Webhooks:2:UrlFile: the file '", StringComparison.Ordinal) && f.EndsWith("cannot be read (FileNotFoundException).", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Notifications:Webhooks:3:UrlFile: no URL source; set UrlFile", StringComparison.Ordinal));
        Assert.Contains("Notifications:Webhooks:4: set UrlFile or UrlEnv, not both.", failures);
        Assert.All(failures, f => Assert.DoesNotContain("SECRET", f, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_webhooks_as_shipped_nothing_is_registered_and_events_are_only_recorded()
    {
        var services = new ServiceCollection();

        services.AddWebhookNotifications(new ConfigurationBuilder().AddInMemoryCollection([new("Notifications:Webhooks", null)]).Build());
        services.AddWebhookNotifications(OperatorConfiguration.Build(null, []));

        Assert.Empty(services);
    }

    [Fact]
    public void With_a_webhook_the_notifier_is_the_event_notifier_and_a_hosted_service()
    {
        var services = new ServiceCollection();

        services.AddWebhookNotifications(new ConfigurationBuilder().AddInMemoryCollection(
            [new("Notifications:Webhooks:0:Name", "slack"), new("Notifications:Webhooks:0:UrlEnv", "SLACK_URL")]).Build());

        Assert.Contains(services, d => d.ServiceType == typeof(IEventNotifier));
        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService));
    }

    [Fact]
    public async Task Run_refuses_a_URL_written_in_the_settings_naming_the_setting()
    {
        var config = Path.Combine(_dir, "operator.json");
        await File.WriteAllTextAsync(config, """
            { "Operator": { "ClusterName": "prod" }, "Notifications": { "Webhooks": [ { "Name": "slack", "Url": "https://hooks.example.com/services/SECRET" } ] } }
            """);
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{ name: c, cluster: { server: "http://127.0.0.1:1" } }]
            contexts: [{ name: c, context: { cluster: c, user: u } }]
            current-context: c
            users: [{ name: u, user: { token: t } }]
            """);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await OperatorCli.Create(TestClouds.Strict()).Parse(["run", "--config", config, "--kubeconfig", kubeconfig, "--leader-elect", "false"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(1, exit);
        Assert.Contains("Notifications:Webhooks:0:Url: a webhook URL is a credential", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.ToString(), StringComparison.Ordinal);
    }

    private static NotificationsOptions Options(params WebhookOptions[] webhooks)
    {
        var options = new NotificationsOptions();
        foreach (var webhook in webhooks)
        {
            options.Webhooks.Add(webhook);
        }

        return options;
    }
}
