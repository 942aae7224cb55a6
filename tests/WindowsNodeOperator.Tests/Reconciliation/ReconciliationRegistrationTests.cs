using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moq;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Reconciliation.Termination;
using WindowsNodeOperator.Runtime.Reconciliation;

namespace WindowsNodeOperator.Tests.Reconciliation;

public sealed class ReconciliationRegistrationTests
{
    [Fact]
    public void AddPolicyReconciliation_resolves_the_reconciler_and_one_shared_drain_coordinator()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new Mock<IKubernetes>().Object);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new Mock<IAmiCatalog>().Object);
        services.AddSingleton(new Mock<IInstanceInventory>().Object);
        services.AddSingleton(new Mock<ILaunchTemplates>().Object);
        services.AddSingleton(new Mock<IAutoScaling>().Object);

        services.AddPolicyReconciliation("test-cluster");
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        using var first = provider.CreateScope();
        using var second = provider.CreateScope();
        Assert.IsType<PolicyReconciler>(first.ServiceProvider.GetRequiredService<IReconciler<WindowsNodePolicy>>());
        Assert.NotSame(
            first.ServiceProvider.GetRequiredService<TerminationController>(), second.ServiceProvider.GetRequiredService<TerminationController>());
        Assert.Contains(provider.GetServices<IHostedService>(), s => s.GetType().Name.StartsWith("Controller", StringComparison.Ordinal));
    }
}
