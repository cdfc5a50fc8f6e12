using System.Globalization;
using LineProf.Reporting;
using LineProf.Tool.Cli;

namespace LineProf.Tool.Reading;

/// <summary>
/// What JSON binding cannot promise: the runtime never writes null for a list, an item or a text (only a request's
/// <c>endpoint</c> may be null), so a null there means the file was not written by LineProf. Found here, with its
/// place in the file, rather than as a crash in whichever command meets it first.
/// </summary>
internal static class ReportShape
{
    public static void Check(string path, ProfileReport report)
    {
        var check = new Checker(path);
        check.Text(report.Mode, "$.mode");
        check.Items(report.Requests, "$.requests", (request, at) =>
        {
            check.Text(request.Id, at + ".id");
            check.Text(request.Method, at + ".method");
            check.Text(request.Path, at + ".path");
            check.Items(request.Lines, at + ".lines", check.Line);
            check.Items(request.Methods, at + ".methods", check.Method);
        });
        check.Items(report.Lines, "$.lines", check.Line);
        check.Items(report.Methods, "$.methods", check.Method);
        check.Items(report.Endpoints, "$.endpoints", (endpoint, at) =>
        {
            check.Text(endpoint.Name, at + ".name");
            check.Items(endpoint.Lines, at + ".lines", check.Line);
            check.Items(endpoint.Methods, at + ".methods", check.Method);
        });
        check.Present(report.OutsideRequests, "$.outsideRequests");
        check.Items(report.OutsideRequests.Lines, "$.outsideRequests.lines", check.Line);
        check.Items(report.OutsideRequests.Methods, "$.outsideRequests.methods", check.Method);
        check.Items(report.Assemblies, "$.assemblies", check.Text);
    }

    private sealed class Checker
    {
        private readonly string _path;

        public Checker(string path)
        {
            _path = path;
        }

        public void Present(object? value, string at)
        {
            if (value == null) throw new UserError($"{_path} has null at {at}, where a lineprof report always has a value");
        }

        public void Text(string? value, string at) => Present(value, at);

        public void Items<T>(List<T>? items, string at, Action<T, string> check)
        {
            Present(items, at);
            for (int i = 0; i < items!.Count; i++)
            {
                string item = at + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                Present(items[i], item);
                check(items[i], item);
            }
        }

        public void Line(LineFigures line, string at)
        {
            Text(line.File, at + ".file");
            Text(line.Method, at + ".method");
            if (line is LineReport summed) Text(summed.Source, at + ".source");
        }

        public void Method(MethodReport method, string at)
        {
            Text(method.File, at + ".file");
            Text(method.Method, at + ".method");
        }
    }
}
