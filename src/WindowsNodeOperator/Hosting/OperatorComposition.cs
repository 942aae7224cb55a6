using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace WindowsNodeOperator.Hosting;

/// <summary>
/// What differs between a cluster and the sandbox: the AWS account behind the cloud ports, and the clock.
/// Everything else is wired the same way by <see cref="OperatorHost"/>.
/// </summary>
internal sealed record OperatorComposition(Action<IServiceCollection, IConfiguration> AddCloud, TimeProvider? Time = null)
{
    /// <summary>Real AWS: the SSM and EC2 adapters and the Auto Scaling client, configured from the <c>Aws</c> section.</summary>
    public static OperatorComposition Aws { get; } = new(RealAws.Add);
}
