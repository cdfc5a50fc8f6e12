using LineProf.Matching;
using LineProf.Weaving.Planning;

namespace LineProf.Weaver.Tests;

/// <summary>
/// The one wildcard matcher LineProfileInclude and the lineprof tool share: what it matches, and that it never
/// backtracks. Its cost is read as the steps it reports, not a clock, so the test holds on a loaded machine.
/// </summary>
public sealed class WildcardTests
{
    [Test]
    public void Many_stars_against_a_long_name_that_does_not_match_take_steps_linear_in_the_name()
    {
        // A backtracking matcher (the weaver's regex was one) tries every way to split the name among the stars:
        // about 5,000^20 ways here, which never ends.
        string pattern = string.Concat(Enumerable.Repeat("*a", 20)) + "*b";
        string name = new('a', 5_000);

        bool matched = Wildcard.Name(pattern).IsMatch(name, out long steps);

        Assert.That(matched, Is.False);
        Assert.That(steps, Is.LessThanOrEqualTo(2L * (name.Length + 1) * (pattern.Length + 4)));
    }

    [Test]
    public void A_path_pattern_of_many_double_stars_is_linear_too()
    {
        string pattern = string.Concat(Enumerable.Repeat("**/a", 15)) + "/*.cs";
        string path = "/" + string.Join("/", Enumerable.Repeat("a", 2_000)) + "/x.vb";

        bool matched = Wildcard.Path(pattern).IsMatch(path, out long steps);

        Assert.That(matched, Is.False);
        Assert.That(steps, Is.LessThanOrEqualTo(2L * (path.Length + 1) * (pattern.Length + 4)));
    }

    [TestCase("App.Orders.*", "App.Orders.Get", true)]
    [TestCase("App.Orders.*", "App.OrdersX.Get", false)]
    [TestCase("*Get", "App.Orders.Get", true)]
    [TestCase("App.?rders.Get", "App.Orders.Get", true)]
    [TestCase("App.Orders", "App.Orders.Get", false)]
    [TestCase("app.orders.get", "App.Orders.Get", false)]
    [TestCase("*:42", "Orders.cs:42", true)]
    [TestCase("*", "", true)]
    [TestCase("?", "", false)]
    public void A_name_pattern_matches_the_whole_name_and_its_star_crosses_dots(string pattern, string name, bool expected) =>
        Assert.That(Wildcard.Name(pattern).IsMatch(name), Is.EqualTo(expected));

    [TestCase("OrdersController.cs", "/src/App/Controllers/OrdersController.cs", true)]
    [TestCase("Controllers/*.cs", "/src/App/Controllers/OrdersController.cs", true)]
    [TestCase("Controllers/*.cs", "/src/App/Controllers/Admin/UsersController.cs", false)]
    [TestCase("Controllers/**", "/src/App/Controllers/Admin/UsersController.cs", true)]
    [TestCase("**/Admin/*.cs", "/src/App/Controllers/Admin/UsersController.cs", true)]
    [TestCase("src/**/Users*.cs", "/src/App/Controllers/Admin/UsersController.cs", true)]
    [TestCase("/App/**", "/src/App/Program.cs", false)]
    [TestCase("/src/**/Program.cs", "/src/Program.cs", true)]
    [TestCase("*.g.cs", "/src/obj/Debug/X.g.cs", true)]
    [TestCase("rs/Orders.cs", "/src/App/Controllers/Orders.cs", false)]
    [TestCase("controllers\\orders.CS", "C:\\src\\App\\Controllers\\Orders.cs", true)]
    [TestCase("C:/src/*/Program.cs", "c:\\src\\App\\Program.cs", true)]
    public void A_path_pattern_matches_at_any_depth_unless_rooted_and_its_star_stays_in_a_name(string pattern, string path, bool expected) =>
        Assert.That(Wildcard.Path(pattern).IsMatch(path), Is.EqualTo(expected));

    [Test]
    public void The_weavers_patterns_choose_between_names_and_paths_as_before()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new Glob("Features/Articles/**").Matches("X.Y", "/app/Features/Articles/List.cs"), Is.True);
            Assert.That(new Glob("Orders.cs").Matches("Orders.cs", "/app/Other.cs"), Is.False, "a .cs pattern is over files");
            Assert.That(new Glob(" App.* ").Matches("App.Orders.Get", "/app/Orders.cs"), Is.True, "patterns are trimmed");
            Assert.That(new Glob("App/**").Matches("App.Orders.Get", null), Is.False, "no document, no file match");
        });
    }
}
