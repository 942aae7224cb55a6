using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using WindowsNodeOperator.Hosting.Endpoints;
using WindowsNodeOperator.Runtime.Election;
using WindowsNodeOperator.Runtime.Watching;

namespace WindowsNodeOperator.Tests.Hosting;

public sealed class ReadinessCheckTests
{
    private readonly Mock<IVersionOperations> _version = new();
    private readonly Mock<IResourceCache<V1Node>> _nodes = new();
    private readonly Mock<ILeadership> _leadership = new();

    public ReadinessCheckTests() => ApiAnswers();

    [Fact]
    public async Task Ready_when_the_api_answers_and_the_leader_has_listed_every_kind()
    {
        _leadership.Setup(l => l.IsLeader).Returns(true);
        _nodes.Setup(c => c.IsSynced).Returns(true);

        Assert.Empty(await Check().ProblemsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Not_ready_while_the_leader_has_a_kind_not_yet_listed()
    {
        _leadership.Setup(l => l.IsLeader).Returns(true);
        _nodes.Setup(c => c.IsSynced).Returns(false);

        Assert.Equal("cache V1Node: not synced yet", Assert.Single(await Check().ProblemsAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task A_standby_is_ready_without_caches()
    {
        _leadership.Setup(l => l.IsLeader).Returns(false);
        _nodes.Setup(c => c.IsSynced).Returns(false);

        Assert.Empty(await Check().ProblemsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Not_ready_when_the_api_cannot_be_reached()
    {
        _version.Setup(v => v.GetCodeWithHttpMessagesAsync(It.IsAny<IReadOnlyDictionary<string, IReadOnlyList<string>>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("Connection refused (10.100.0.1:443)"));

        var problem = Assert.Single(await Check().ProblemsAsync(CancellationToken.None));

        Assert.Equal("kubernetes api: Connection refused (10.100.0.1:443)", problem);
    }

    private void ApiAnswers() =>
        _version.Setup(v => v.GetCodeWithHttpMessagesAsync(It.IsAny<IReadOnlyDictionary<string, IReadOnlyList<string>>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new HttpOperationResponse<VersionInfo> { Body = new VersionInfo { GitVersion = "v1.31.0" } });

    private ReadinessCheck Check()
    {
        var kubernetes = new Mock<IKubernetes>();
        kubernetes.Setup(k => k.Version).Returns(_version.Object);
        var services = new ServiceCollection().AddSingleton(_nodes.Object).BuildServiceProvider();
        return new ReadinessCheck(kubernetes.Object, _leadership.Object, services, new CacheTypes([typeof(IResourceCache<V1Node>)]));
    }
}
