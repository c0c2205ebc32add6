"""Admin forms: the CKEditor widget is an admin-only concern, never a model field."""

from ckeditor.widgets import CKEditorWidget
from django import forms

from .models import Article


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = "__all__"
        widgets = {
            "body": CKEditorWidget(),
            "lead": forms.Textarea(attrs={"rows": 3}),
        }
