package dev.gatehouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package map of {@code docs/development.md}, enforced: every arrow between packages
 * is one the map names, every arrow it names exists and points to a row further down,
 * every package has a row, and there are no cycles.
 */
class ArchitectureTests {

	private static final String BASE = "dev.gatehouse";

	private static final String ROOT = "(root)";

	private static final Pattern ROW = Pattern.compile("^\\| (\\(root\\)|`(\\w+)`) \\|([^|]*)\\|");

	private static final Pattern NAME = Pattern.compile("`(\\w+)`");

	private static JavaClasses classes;

	private static Map<String, Set<String>> map;

	@BeforeAll
	static void importClassesAndReadTheMap() throws IOException {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(BASE);
		map = readMap(Path.of("docs/development.md"));
	}

	@Test
	void packagesWhenComparedWithTheMapThenUseOnlyThePackagesTheirRowNames() {
		List<String> violations = new ArrayList<>();
		for (JavaClass javaClass : classes) {
			String from = feature(javaClass);
			for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
				String to = feature(dependency.getTargetClass());
				if (to != null && !to.equals(from) && !map.getOrDefault(from, Set.of()).contains(to)) {
					violations.add(from + " -> " + to + ": " + dependency.getDescription());
				}
			}
		}
		assertThat(violations).as("arrows the map of docs/development.md does not name").isEmpty();
	}

	@Test
	void mapWhenReadThenEveryArrowItNamesExists() {
		Map<String, Set<String>> arrows = arrows();
		Map<String, Set<String>> unused = new TreeMap<>();
		map.forEach((from, allowed) -> {
			Set<String> missing = new TreeSet<>(allowed);
			missing.removeAll(arrows.getOrDefault(from, Set.of()));
			if (!missing.isEmpty()) {
				unused.put(from, missing);
			}
		});
		assertThat(unused).as("arrows the map names that the code no longer has").isEmpty();
	}

	@Test
	void mapWhenReadTopToBottomThenEveryRowNamesOnlyPackagesBelowIt() {
		List<String> floors = new ArrayList<>(map.keySet());
		List<String> upward = new ArrayList<>();
		map.forEach((from, allowed) -> allowed.stream()
			.filter((to) -> floors.indexOf(to) <= floors.indexOf(from))
			.forEach((to) -> upward.add(from + " -> " + to)));
		assertThat(upward).as("arrows that point up or sideways in the map").isEmpty();
	}

	@Test
	void mapWhenReadThenEveryPackageHasARow() {
		Set<String> packages = new TreeSet<>();
		classes.forEach((javaClass) -> packages.add(feature(javaClass)));
		assertThat(map.keySet()).containsAll(packages);
		assertThat(packages).containsAll(map.keySet());
	}

	@Test
	void packagesWhenSlicedThenHaveNoCycles() {
		slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(classes);
	}

	private static Map<String, Set<String>> arrows() {
		Map<String, Set<String>> arrows = new TreeMap<>();
		for (JavaClass javaClass : classes) {
			String from = feature(javaClass);
			for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
				String to = feature(dependency.getTargetClass());
				if (to != null && !to.equals(from)) {
					arrows.computeIfAbsent(from, (key) -> new TreeSet<>()).add(to);
				}
			}
		}
		return arrows;
	}

	/**
	 * The feature package a class belongs to: the first name under {@code dev.gatehouse},
	 * {@code (root)} for the application class, {@code null} outside.
	 */
	private static String feature(JavaClass javaClass) {
		String name = javaClass.getPackageName();
		if (name.equals(BASE)) {
			return ROOT;
		}
		if (!name.startsWith(BASE + ".")) {
			return null;
		}
		String rest = name.substring(BASE.length() + 1);
		int dot = rest.indexOf('.');
		return (dot < 0) ? rest : rest.substring(0, dot);
	}

	private static Map<String, Set<String>> readMap(Path document) throws IOException {
		// In the document's order: top floor first.
		Map<String, Set<String>> rows = new LinkedHashMap<>();
		boolean inMap = false;
		for (String line : Files.readAllLines(document)) {
			if (line.startsWith("## ")) {
				inMap = line.equals("## The map");
				continue;
			}
			Matcher row = ROW.matcher(line);
			if (inMap && row.find()) {
				String from = (row.group(2) != null) ? row.group(2) : ROOT;
				Set<String> allowed = new TreeSet<>();
				Matcher name = NAME.matcher(row.group(3));
				while (name.find()) {
					allowed.add(name.group(1));
				}
				rows.put(from, allowed);
			}
		}
		assertThat(rows).as("the map's rows in " + document).isNotEmpty();
		return rows;
	}

}
