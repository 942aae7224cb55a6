using Microsoft.Extensions.DependencyInjection;

namespace WindowsNodeOperator.Hosting;

/// <summary>The controllers the operator runs; they expect IKubernetes, TimeProvider and the cloud ports registered.</summary>
internal static class OperatorControllers
{
    /// <summary>Whether this build carries the WindowsNodePolicy reconciler.</summary>
    public static bool Available => false;

    public static void Add(IServiceCollection services) => ArgumentNullException.ThrowIfNull(services);
}
