using WindowsNodeOperator.Sandbox.Cloud.Engine;
using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Cloud.Ssm;

/// <summary>The simulated Systems Manager parameter store: names to values, with every version kept.</summary>
public sealed class SimulatedSsm
{
    /// <summary>GetParameters refuses more names than this.</summary>
    public const int MaxNamesPerCall = 10;

    private readonly CloudCore _core;

    internal SimulatedSsm(CloudCore core) => _core = core;

    public SsmParameter GetParameter(string name) => _core.Api("ssm:GetParameter", _ => History(name)[^1]);

    /// <summary>Up to ten names in one call; a name that does not exist is listed as invalid rather than failing the call.</summary>
    public SsmParameters GetParameters(IReadOnlyList<string> names) => _core.Api("ssm:GetParameters", _ =>
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count is 0 or > MaxNamesPerCall)
        {
            throw new SimulatedAwsException("ValidationException", 400, $"GetParameters takes 1 to {MaxNamesPerCall} names, not {names.Count}.");
        }

        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        return new SsmParameters(
            [.. distinct.Where(_core.State.Parameters.ContainsKey).Select(n => _core.State.Parameters[n][^1])],
            [.. distinct.Where(n => !_core.State.Parameters.ContainsKey(n))]);
    });

    public IReadOnlyList<SsmParameter> GetParameterHistory(string name) => _core.Api("ssm:GetParameterHistory", _ => (IReadOnlyList<SsmParameter>)[.. History(name)]);

    /// <summary>
    /// The instances whose SSM Agent reports: running ones <c>Online</c>, stopped ones <c>ConnectionLost</c>; instances
    /// without the agent's permissions never register. https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeInstanceInformation.html
    /// </summary>
    public IReadOnlyList<InstanceInformation> DescribeInstanceInformation() => _core.Api("ssm:DescribeInstanceInformation", now =>
        (IReadOnlyList<InstanceInformation>)[.. _core.State.Instances.Values
            .Where(i => i.SsmAgent && i.State is Ec2.Ec2InstanceState.Running or Ec2.Ec2InstanceState.Stopping or Ec2.Ec2InstanceState.Stopped)
            .OrderBy(i => i.Id, StringComparer.Ordinal)
            .Select(i => new InstanceInformation(
                i.Id,
                i.State == Ec2.Ec2InstanceState.Running ? "Online" : "ConnectionLost",
                i.State == Ec2.Ec2InstanceState.Running ? now : i.LaunchTime,
                i.Platform is null ? "Linux" : "Windows",
                i.Platform is null ? "Amazon Linux" : "Microsoft Windows Server 2022 Datacenter",
                i.PrivateDnsName,
                i.PrivateIp))]);

    public long PutParameter(string name, string value, bool overwrite = true) => _core.Api("ssm:PutParameter", now =>
    {
        if (!overwrite && _core.State.Parameters.ContainsKey(name))
        {
            throw new SimulatedAwsException("ParameterAlreadyExists", 400, "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.");
        }

        return Put(_core.State, name, value, now).Version;
    });

    /// <summary>Simulation control: sets the parameter at a later simulated time, as AWS publishing a new AMI would.</summary>
    public void SchedulePut(string name, string value, DateTimeOffset at) =>
        _core.Control(_ => _core.State.Agenda.Schedule(at, t => Put(_core.State, name, value, t)));

    internal static SsmParameter Put(CloudState state, string name, string value, DateTimeOffset at)
    {
        if (!state.Parameters.TryGetValue(name, out var history))
        {
            history = [];
            state.Parameters.Add(name, history);
        }

        var parameter = new SsmParameter(name, value, history.Count + 1, at);
        history.Add(parameter);
        state.Record(at, $"ssm:{name}", $"= {value} (version {parameter.Version})");
        return parameter;
    }

    private List<SsmParameter> History(string name) =>
        _core.State.Parameters.TryGetValue(name, out var history)
            ? history
            : throw new SimulatedAwsException("ParameterNotFound", 400, $"Parameter {name} not found.");
}
