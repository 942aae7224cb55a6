using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using WindowsNodeOperator.Runtime.Diagnostics;

namespace WindowsNodeOperator.Runtime.Tests.Fakes;

internal static class TestMetrics
{
    public static RuntimeMetrics Create() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
}
