using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WindowsNodeOperator.Hosting.Configuration;
using WindowsNodeOperator.Hosting.Endpoints;
using WindowsNodeOperator.Monitoring;
using WindowsNodeOperator.Notifications;
using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Runtime.Hosting;
using WindowsNodeOperator.Runtime.Watching;

namespace WindowsNodeOperator.Hosting;

/// <summary>The composition root: the operator's host, wired the same way for a cluster (`run`) and for the sandbox.</summary>
internal static class OperatorHost
{
    public const string ReportingController = "windowsnode.io/operator";

    /// <summary>Builds the host; throws <see cref="OptionsValidationException"/> naming each bad setting.</summary>
    public static IHost Build(IConfiguration configuration, OperatorComposition composition)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(composition);
        var options = ReadOptions(configuration);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddConfiguration(configuration);
        AddLogging(builder.Logging, configuration, options.LogFormat);

        var services = builder.Services;
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25));
        services.AddOptions<OperatorOptions>().Bind(configuration.GetSection(OperatorOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OperatorOptions>, OperatorOptionsValidator>();
        if (composition.Time is { } time)
        {
            services.AddSingleton(time);
        }

        // The endpoints first: hosted services start in order, and the liveness probe should answer from the start.
        services.AddSingleton<PrometheusExporter>();
        services.AddSingleton<ReadinessCheck>();
        services.AddSingleton<LivenessCheck>();
        services.AddSingleton<OperatorEndpoints>();
        services.AddHostedService(sp => sp.GetRequiredService<OperatorEndpoints>());

        services.AddSingleton<IKubernetes>(_ => new Kubernetes(KubernetesConfig(options)));
        services.AddControllerRuntime(o => o.ReportingController = ReportingController);
        if (options.LeaderElect)
        {
            services.AddLeaderElection(o =>
            {
                o.LeaseName = options.LeaseName;
                o.LeaseNamespace = options.LeaseNamespace!;
            });
        }

        composition.AddCloud(services, configuration);
        services.AddPolicyReconciliation(options.ClusterName!);
        services.AddHostedService<LeaderGauge>();
        services.AddWebhookNotifications(configuration);

        services.AddSingleton(new CacheTypes(services
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IResourceCache<>))
            .Distinct()
            .ToList()));
        return builder.Build();
    }

    private static OperatorOptions ReadOptions(IConfiguration configuration)
    {
        var options = new OperatorOptions();
        configuration.GetSection(OperatorOptions.Section).Bind(options);
        var result = new OperatorOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(OperatorOptions), result.Failures);
        }

        return options;
    }

    private static KubernetesClientConfiguration KubernetesConfig(OperatorOptions options) =>
        string.IsNullOrWhiteSpace(options.Kubeconfig)
            ? KubernetesClientConfiguration.BuildDefaultConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig);

    private static void AddLogging(ILoggingBuilder logging, IConfiguration configuration, LogFormat format)
    {
        logging.ClearProviders();
        logging.AddConfiguration(configuration.GetSection("Logging"));
        if (format == LogFormat.Json)
        {
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
            });
        }
        else
        {
            // Scopes are key-value dictionaries the simple formatter cannot print; the JSON formatter writes them as fields.
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.IncludeScopes = false;
                o.TimestampFormat = "HH:mm:ss ";
                o.UseUtcTimestamp = true;
            });
        }
    }
}
