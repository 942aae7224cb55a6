using Amazon.Runtime;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using WindowsNodeOperator.Aws;
using WindowsNodeOperator.Aws.AutoScaling;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Runtime.Hosting;

namespace WindowsNodeOperator.Benchmarks.Fleet;

/// <summary>
/// The operator as production composes it (controller runtime, the SDK's EC2 and SSM clients and our Auto Scaling client,
/// policy reconciliation) on a sandbox's fake clock: the AWS request and response bytes are carried in memory by
/// <paramref name="awsTransport"/>, so only the clock moves the simulated account.
/// </summary>
internal static class InProcessOperator
{
    public static IServiceCollection AddInProcessOperator(
        this IServiceCollection services, TimeProvider time, IKubernetes kubernetes, string region, HttpMessageHandler awsTransport, string clusterName)
    {
        services.AddSingleton(time);
        services.AddSingleton(kubernetes);
        services.AddControllerRuntime(o => o.ReportingController = "windowsnode.io/operator");
        services.Configure<AwsClientOptions>(o =>
        {
            o.Region = region;
            o.EndpointUrl = "http://aws.sandbox.invalid/";
            o.Credentials = new BasicAWSCredentials("AKIASANDBOXEXAMPLE00", "sandbox-secret-not-a-real-key");
            o.Transport = awsTransport;
        });
        services.AddAwsEc2AndSsm();
        services.AddAwsAutoScaling();

        // The AWS rate limiter waits on the sandbox clock, which only a stepper moves: a look's burst of calls would be
        // spread over steps. It is not what these runs measure; the account's own throttling faults stay available.
        services.Configure<AwsResilienceOptions>(o =>
        {
            foreach (var service in o.CallsPerSecond.Keys.ToList())
            {
                o.CallsPerSecond[service] = 10_000;
            }

            o.DefaultCallsPerSecond = 10_000;
        });
        services.AddPolicyReconciliation(clusterName);
        return services;
    }
}
