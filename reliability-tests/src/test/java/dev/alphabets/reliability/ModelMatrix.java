package dev.alphabets.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The delivery models side by side: one row per scenario, and for each model the letters
 * lost, delivered twice, applied twice and the order breaks. A number the model's promise
 * does not allow is in bold; a scenario that failed before its checks shows FAIL.
 */
final class ModelMatrix {

	private ModelMatrix() {
	}

	static String markdown(List<ReliabilityReport.Row> rows) {
		Set<DeliveryModels> models = new LinkedHashSet<>();
		Map<String, Map<DeliveryModels, ReliabilityReport.Row>> byScenario = new LinkedHashMap<>();
		for (ReliabilityReport.Row row : rows) {
			models.add(row.models());
			byScenario.computeIfAbsent(row.scenario(), (key) -> new LinkedHashMap<>()).put(row.models(), row);
		}
		StringBuilder text = new StringBuilder("## Delivery models side by side\n\n");
		text.append("Per model: lost / delivered twice / applied twice / order breaks. ")
			.append("**Bold**: more than the model promises (the scenario fails).\n\n");
		List<String> header = new ArrayList<>(List.of("Scenario"));
		models.forEach((model) -> header.add(model.label()));
		text.append("| ").append(String.join(" | ", header)).append(" |\n");
		text.append("|---").append("|---:".repeat(models.size())).append("|\n");
		byScenario.forEach((scenario, runs) -> {
			List<String> cells = new ArrayList<>(List.of(scenario));
			models.forEach((model) -> cells.add(cell(runs.get(model))));
			text.append("| ").append(String.join(" | ", cells)).append(" |\n");
		});
		return text.toString();
	}

	private static String cell(ReliabilityReport.Row row) {
		if (row == null) {
			return "-";
		}
		if (row.verdict().startsWith("FAIL") && row.counts().equals(Invariants.Counts.NONE)) {
			return "FAIL";
		}
		Promise promise = row.models().promise();
		Invariants.Counts counts = row.counts();
		return String.join(" / ", number(counts.lost(), promise.mayLose()),
				number(counts.deliveredTwice(), promise.mayDeliverTwice()),
				number(counts.appliedTwice(), promise.mayApplyTwice()), number(counts.orderBreaks(), false));
	}

	private static String number(int value, boolean allowed) {
		return (value == 0 || allowed) ? String.valueOf(value) : "**" + value + "**";
	}

}
