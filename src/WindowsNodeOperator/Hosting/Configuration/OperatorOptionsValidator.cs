using Microsoft.Extensions.Options;

namespace WindowsNodeOperator.Hosting.Configuration;

/// <summary>Checks the <c>Operator</c> section; every failure names the setting as it is written in operator.json.</summary>
internal sealed class OperatorOptionsValidator : IValidateOptions<OperatorOptions>
{
    public ValidateOptionsResult Validate(string? name, OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckClusterName(failures, options.ClusterName);
        CheckAddress(failures, nameof(OperatorOptions.MetricsBindAddress), options.MetricsBindAddress);
        CheckAddress(failures, nameof(OperatorOptions.HealthProbeBindAddress), options.HealthProbeBindAddress);
        if (BindAddress.TryParse(options.MetricsBindAddress, out var metrics) && BindAddress.TryParse(options.HealthProbeBindAddress, out var health)
            && metrics.Port != 0 && metrics.Port == health.Port)
        {
            failures.Add($"{Key(nameof(OperatorOptions.HealthProbeBindAddress))}: port {health.Port} is already the metrics port; give each endpoint its own.");
        }

        if (!string.IsNullOrWhiteSpace(options.Kubeconfig) && !File.Exists(options.Kubeconfig))
        {
            failures.Add($"{Key(nameof(OperatorOptions.Kubeconfig))}: the file '{options.Kubeconfig}' does not exist.");
        }

        if (options.LeaderElect)
        {
            if (string.IsNullOrWhiteSpace(options.LeaseName))
            {
                failures.Add($"{Key(nameof(OperatorOptions.LeaseName))}: required when leader election is on.");
            }

            if (string.IsNullOrWhiteSpace(options.LeaseNamespace))
            {
                failures.Add($"{Key(nameof(OperatorOptions.LeaseNamespace))}: required when leader election is on; " +
                    "set POD_NAMESPACE (the Deployment does) or WNO_Operator__LeaseNamespace, or turn election off with --leader-elect=false.");
            }
        }

        if (options.StuckAfter < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Key(nameof(OperatorOptions.StuckAfter))}: '{options.StuckAfter}' is too short; at least 00:01:00, longer than a reconcile with its AWS retries (default 00:15:00).");
        }

        if (!Enum.IsDefined(options.LogFormat))
        {
            failures.Add($"{Key(nameof(OperatorOptions.LogFormat))}: must be Simple or Json.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// An EKS cluster name: 1 to 100 letters, digits, hyphens and underscores, starting with a letter or digit
    /// (https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html).
    /// </summary>
    private static void CheckClusterName(List<string> failures, string? name)
    {
        var key = Key(nameof(OperatorOptions.ClusterName));
        if (string.IsNullOrWhiteSpace(name))
        {
            failures.Add($"{key}: required; the name of the EKS cluster the operator runs in (the IAM policy's ClusterName): "
                + "it acts only on Auto Scaling groups tagged kubernetes.io/cluster/<name>=owned and windowsnode.io/managed=true. "
                + "Set it in operator.json or as WNO_Operator__ClusterName.");
        }
        else if (name.Length > 100 || !char.IsAsciiLetterOrDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            failures.Add($"{key}: '{name}' is not an EKS cluster name (1 to 100 letters, digits, '-' and '_', starting with a letter or digit).");
        }
    }

    private static void CheckAddress(List<string> failures, string setting, string? value)
    {
        if (!BindAddress.TryParse(value, out _))
        {
            failures.Add($"{Key(setting)}: '{value}' is not an address to listen on; write ':8080', '127.0.0.1:8080' or '[::1]:8080'.");
        }
    }

    private static string Key(string setting) => $"{OperatorOptions.Section}:{setting}";
}
