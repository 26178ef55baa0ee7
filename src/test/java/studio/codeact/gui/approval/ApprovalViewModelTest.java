package studio.codeact.gui.approval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApprovalViewModelTest {

    @Test
    void runningUnchangedCodeRunsItAsProposed() {
        ApprovalViewModel approval = new ApprovalViewModel(3, "df.head()");
        assertThat(approval.run()).isEqualTo(new Decision.Run());
    }

    @Test
    void editedCodeRunsInsteadOfTheProposal() {
        ApprovalViewModel approval = new ApprovalViewModel(3, "df.head()");
        approval.codeProperty().set("df.head(20)");
        assertThat(approval.editedProperty().get()).isTrue();
        assertThat(approval.run()).isEqualTo(new Decision.RunEdited("df.head(20)"));
    }

    @Test
    void aRejectionCarriesTheReasonForTheModel() {
        ApprovalViewModel approval = new ApprovalViewModel(4, "import os; os.remove('data.csv')");
        approval.reasonProperty().set("  do not delete my files ");
        assertThat(approval.reject()).isEqualTo(new Decision.Reject("do not delete my files"));
    }
}
