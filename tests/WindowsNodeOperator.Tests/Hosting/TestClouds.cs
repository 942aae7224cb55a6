using Microsoft.Extensions.DependencyInjection;
using Moq;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Hosting;

namespace WindowsNodeOperator.Tests.Hosting;

internal static class TestClouds
{
    /// <summary>Cloud ports that must not be called: fakes that fail any call, plus whatever else the test registers.</summary>
    public static OperatorComposition Strict(Action<IServiceCollection>? more = null) => new((services, _) =>
    {
        services.AddSingleton(new Mock<IAmiCatalog>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<IInstanceInventory>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<ILaunchTemplates>(MockBehavior.Strict).Object);
        services.AddSingleton(new Mock<IAutoScaling>(MockBehavior.Strict).Object);
        more?.Invoke(services);
    });
}
