using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WindowsNodeOperator.Runtime.Diagnostics;
using WindowsNodeOperator.Runtime.Election;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>One more operator process on a sandbox: its host, and what it sent to the cluster and to AWS.</summary>
internal sealed record SandboxOperator(IHost Host, OperatorRequests Requests, AwsRequests Aws)
{
    public ControllerActivity Activity => Host.Services.GetRequiredService<ControllerActivity>();

    public bool IsLeader => Host.Services.GetRequiredService<ILeadership>().IsLeader;
}
