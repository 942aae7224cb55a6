using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Reconciliation.Status;

namespace WindowsNodeOperator.Notifications;

/// <summary>Checks the <c>Notifications</c> section; every failure names the setting as it is written in operator.json.</summary>
internal sealed partial class NotificationsOptionsValidator(Func<string, string?> environment) : IValidateOptions<NotificationsOptions>
{
    /// <summary>Every reason the operator records an Event with.</summary>
    public static readonly IReadOnlySet<string> KnownReasons = typeof(EventReasons)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    public NotificationsOptionsValidator()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    public ValidateOptionsResult Validate(string? name, NotificationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            var webhook = options.Webhooks[i];
            var key = $"{NotificationsOptions.Section}:Webhooks:{i}";
            var webhookName = webhook.Name ?? string.Empty;
            if (!WebhookName().IsMatch(webhookName))
            {
                failures.Add($"{key}:Name: '{webhook.Name}' must be 1 to 63 lower-case letters, digits or '-' (it labels metrics).");
            }
            else if (!names.Add(webhookName))
            {
                failures.Add($"{key}:Name: '{webhook.Name}' is already the name of another webhook.");
            }

            if (!string.IsNullOrEmpty(webhook.Url))
            {
                failures.Add($"{key}:Url: a webhook URL is a credential and must not be written in the settings (a ConfigMap); " +
                    "put it in a Secret and name it with UrlFile (the Secret mounted as a file) or UrlEnv (a variable from secretKeyRef).");
            }

            if (!string.IsNullOrWhiteSpace(webhook.UrlFile) && !string.IsNullOrWhiteSpace(webhook.UrlEnv))
            {
                failures.Add($"{key}: set UrlFile or UrlEnv, not both.");
            }
            else if (!WebhookUrl.TryResolve(webhook, environment, out _, out var problem))
            {
                failures.Add($"{key}:{problem}");
            }

            foreach (var reason in webhook.Reasons.Where(r => !KnownReasons.Contains(r)))
            {
                failures.Add($"{key}:Reasons: '{reason}' is not a reason the operator records; use {string.Join(", ", KnownReasons.Order(StringComparer.Ordinal))}.");
            }

            if (webhook.Timeout <= TimeSpan.Zero || webhook.Timeout > TimeSpan.FromMinutes(5))
            {
                failures.Add($"{key}:Timeout: {webhook.Timeout} must be more than zero and at most 00:05:00.");
            }

            if (webhook.MaxAttempts is < 1 or > 20)
            {
                failures.Add($"{key}:MaxAttempts: {webhook.MaxAttempts} must be from 1 to 20.");
            }

            if (webhook.QueueCapacity is < 1 or > 10_000)
            {
                failures.Add($"{key}:QueueCapacity: {webhook.QueueCapacity} must be from 1 to 10000.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex WebhookName();
}
