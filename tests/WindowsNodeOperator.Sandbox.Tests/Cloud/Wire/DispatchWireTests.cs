using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Cloud.Faults;
using WindowsNodeOperator.Sandbox.Cloud.Wire;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud.Wire;

public sealed class DispatchWireTests : IDisposable
{
    private readonly SeededAccount _account = new();

    [Theory]
    [InlineData("ec2", "Action=DescribeInstances&Version=2016-11-15", "DescribeInstancesResponse")]
    [InlineData("autoscaling", "Action=DescribeAutoScalingGroups&Version=2011-01-01", "DescribeAutoScalingGroupsResponse")]
    public async Task The_credential_scope_picks_the_service(string service, string form, string answer)
    {
        var (status, root) = await WireCall.XmlAsync(_account.Client, WireCall.Form(service, form));
        Assert.Equal((200, answer), (status, root.Name.LocalName));

        // The same EC2 action scoped to Auto Scaling is an action Auto Scaling does not have.
        var other = service == "ec2" ? "autoscaling" : "ec2";
        var (wrongStatus, wrong) = await WireCall.XmlAsync(_account.Client, WireCall.Form(other, form));
        Assert.Equal((400, "InvalidAction"), (wrongStatus, wrong.One("Code")));
    }

    [Fact]
    public async Task Without_authorization_each_protocol_answers_as_aws_does()
    {
        var (ec2Status, ec2) = await WireCall.XmlAsync(_account.Client, WireCall.Form("ec2", "Action=DescribeInstances&Version=2016-11-15", signed: false));
        Assert.Equal((403, "Response", "MissingAuthenticationToken"), (ec2Status, ec2.Name.LocalName, ec2.One("Code")));

        var (queryStatus, query) = await WireCall.XmlAsync(_account.Client, WireCall.Form("autoscaling", "Action=DescribeAutoScalingGroups&Version=2011-01-01", signed: false));
        Assert.Equal((403, "ErrorResponse", "MissingAuthenticationToken"), (queryStatus, query.Name.LocalName, query.One("Code")));

        using var json = await _account.Client.SendAsync(WireCall.Json("GetParameters", """{"Names":["/x"]}""", signed: false), CancellationToken.None);
        Assert.Equal((400, "MissingAuthenticationTokenException"), ((int)json.StatusCode, JsonNode.Parse(await json.Content.ReadAsStringAsync())!["__type"]!.GetValue<string>()));

        Assert.Equal(0, _account.Cloud.Calls.TotalCalls);
    }

    [Fact]
    public async Task A_service_not_served_here_is_refused()
    {
        var (status, root) = await WireCall.XmlAsync(_account.Client, WireCall.Form("s3", "Action=ListBuckets&Version=2011-01-01"));
        Assert.Equal((403, "SignatureDoesNotMatch"), (status, root.One("Code")));
    }

    [Fact]
    public async Task A_timeout_takes_effect_and_drops_the_answer_in_memory()
    {
        _account.Cloud.Faults.Set("autoscaling:StartInstanceRefresh", FaultKind.Timeout, remaining: 1);
        var form = "Action=StartInstanceRefresh&Version=2011-01-01&AutoScalingGroupName=eks-windows-a&Preferences.MinHealthyPercentage=90";

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => _account.Client.SendAsync(WireCall.Form("autoscaling", form), CancellationToken.None));

        Assert.IsType<IOException>(error.InnerException);
        Assert.Equal(HttpRequestError.ResponseEnded, error.HttpRequestError);
        Assert.Single(_account.Cloud.AutoScaling.DescribeInstanceRefreshes("eks-windows-a"));
    }

    [Fact]
    public async Task A_reset_drops_the_answer_and_does_nothing()
    {
        _account.Cloud.Faults.Set("autoscaling:StartInstanceRefresh", FaultKind.ConnectionReset, remaining: 1);
        var form = "Action=StartInstanceRefresh&Version=2011-01-01&AutoScalingGroupName=eks-windows-a&Preferences.MinHealthyPercentage=90";

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => _account.Client.SendAsync(WireCall.Form("autoscaling", form), CancellationToken.None));

        Assert.Equal(HttpRequestError.ResponseEnded, error.HttpRequestError);
        Assert.Empty(_account.Cloud.AutoScaling.DescribeInstanceRefreshes("eks-windows-a"));
    }

    [Fact]
    public async Task No_answer_takes_effect_and_waits_until_the_caller_gives_up()
    {
        _account.Cloud.Faults.Set("autoscaling:StartInstanceRefresh", FaultKind.NoAnswer, remaining: 1);
        var form = "Action=StartInstanceRefresh&Version=2011-01-01&AutoScalingGroupName=eks-windows-a&Preferences.MinHealthyPercentage=90";
        using var giveUp = new CancellationTokenSource();

        var call = _account.Client.SendAsync(WireCall.Form("autoscaling", form), giveUp.Token);
        Assert.False(call.IsCompleted);
        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(_account.Cloud.AutoScaling.DescribeInstanceRefreshes("eks-windows-a"));
    }

    [Fact]
    public async Task A_timeout_aborts_the_connection_on_the_server()
    {
        await using var server = await SimulatedAwsServer.StartAsync(_account.Cloud);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        _account.Cloud.Faults.Set("ec2:DescribeInstances", FaultKind.Timeout, remaining: 1);

        using var lost = Retarget(WireCall.Form("ec2", "Action=DescribeInstances&Version=2016-11-15"), server.BaseAddress);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(lost));
        Assert.True(error.InnerException is IOException or SocketException, error.ToString());

        using var after = await http.SendAsync(Retarget(WireCall.Form("ec2", "Action=DescribeInstances&Version=2016-11-15"), server.BaseAddress));
        Assert.Equal(200, (int)after.StatusCode);
        Assert.Contains("<instancesSet>", Encoding.UTF8.GetString(await after.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.Equal(1, _account.Cloud.Calls.Faulted("ec2:DescribeInstances"));
    }

    [Fact]
    public async Task A_refresh_already_running_is_refused_with_its_code()
    {
        var form = "Action=StartInstanceRefresh&Version=2011-01-01&AutoScalingGroupName=eks-windows-b";
        var (first, _) = await WireCall.XmlAsync(_account.Client, WireCall.Form("autoscaling", form));
        var (second, root) = await WireCall.XmlAsync(_account.Client, WireCall.Form("autoscaling", form));

        Assert.Equal((200, 400, "InstanceRefreshInProgress"), (first, second, root.One("Code")));
        Assert.Single(_account.Cloud.AutoScaling.DescribeInstanceRefreshes("eks-windows-b"));
    }

    private static HttpRequestMessage Retarget(HttpRequestMessage request, Uri address)
    {
        request.RequestUri = address;
        return request;
    }

    public void Dispose() => _account.Dispose();
}
