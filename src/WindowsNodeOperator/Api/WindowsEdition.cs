using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Api;

/// <summary>The Windows Server installation option of the AMI.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WindowsEdition>))]
public enum WindowsEdition
{
    Core,
    Full,
}
